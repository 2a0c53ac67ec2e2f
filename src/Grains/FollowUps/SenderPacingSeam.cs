namespace Consultant.Grains.FollowUps;

/// <summary>
/// SEAM for broadcast19's shared sender pacer (automated sends of one sender number paced by (AccountSid, number),
/// conversational replies first). Until it is merged, follow-ups go out as the sweep's parallelism allows.
/// </summary>
public sealed class SenderPacingSeam
{
    public ValueTask WaitTurnAsync(Guid consultantId, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
