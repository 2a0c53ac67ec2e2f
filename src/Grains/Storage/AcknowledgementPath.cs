using Orleans.Runtime;

namespace Consultant.Grains.Storage;

/// <summary>
/// The work an inbound message's acknowledgement waits for (the webhook's checks, storing the message, its
/// conversation's activation and turn), marked in Orleans' request context so it follows the message into the grains it calls.
/// <see cref="SharedRoundTrips"/> sends such statements before those of answers and sweeps: on 2 cores an
/// acknowledgement queued behind the answers' statements (bench/NOTES.md). The answering loop's timer leaves the path:
/// a timer armed during the turn would otherwise carry the mark into every answer.
/// </summary>
public static class AcknowledgementPath
{
    private const string Key = "consultant.ack";

    public static bool IsCurrent => RequestContext.Get(Key) is true;

    /// <summary>From here on, in this flow and the grain calls it makes.</summary>
    public static void Enter() => RequestContext.Set(Key, true);

    /// <summary>Work started from the acknowledgement that it does not wait for (in its own flow).</summary>
    public static void Leave() => RequestContext.Remove(Key);

    /// <summary>Starts work the acknowledgement does not wait for (a grain call not awaited, say) without the mark.</summary>
    public static void Outside(Action start)
    {
        var marked = IsCurrent;
        Leave();
        try
        {
            start();
        }
        finally
        {
            if (marked)
            {
                Enter();
            }
        }
    }
}
