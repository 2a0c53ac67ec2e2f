namespace Consultant.Grains.Outbound.Pacing;

/// <summary>
/// The clock the sender's slots are taken on and waited for (<see cref="SenderPacerGrain"/>, <see cref="PacedSends"/>):
/// the host's <see cref="TimeProvider"/>, as a keyed service of its own so that a test can pace on a fake clock while the
/// rest of the silo (Orleans' timers, the times written to the database) keeps real time.
/// </summary>
public static class SenderPacingClock
{
    public const string Key = "sender-pacing";
}
