namespace Consultant.TestSupport;

/// <summary>What a test makes the fake Twilio do to the next sends and Content creations: fail, drop, or hold them.</summary>
public sealed partial class FakeTwilio
{
    /// <summary>The next message creations fail with this HTTP status and Twilio error code.</summary>
    public void FailNextSends(int count, int status, int code, string message)
    {
        for (var i = 0; i < count; i++)
        {
            sendFailures.Enqueue((status, code, message));
        }
    }

    /// <summary>Send failures queued by <see cref="FailNextSends"/> and not used yet are dropped (the next test sends normally).</summary>
    public void ClearSendFailures() => sendFailures.Clear();

    /// <summary>The next Content API creations fail with this HTTP status and Twilio error code.</summary>
    public void FailNextContents(int count, int status, int code, string message)
    {
        for (var i = 0; i < count; i++)
        {
            contentFailures.Enqueue((status, code, message));
        }
    }

    /// <summary>The next message creations get no answer at all: the connection is dropped, as when Twilio cannot be reached.</summary>
    public void DropNextSends(int count) => Interlocked.Add(ref dropSends, count);

    /// <summary>
    /// The next send is accepted (Twilio has it and will deliver it) but its response is held until the returned
    /// source completes: the moment between Twilio's acceptance and the sender recording the sid.
    /// </summary>
    public TaskCompletionSource HoldNextSendResponse()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        heldResponses.Enqueue(release);
        return release;
    }

    /// <summary>
    /// The first send for which <paramref name="which"/> (To, Body) is true waits, not yet accepted, until the returned
    /// source completes: Twilio not reached yet. A sender gone meanwhile (its silo killed) leaves nothing sent. Every
    /// hold registered and not used yet is looked at for each send, the oldest first: one still waiting for its send
    /// does not keep a later one from catching a send it does not match.
    /// </summary>
    public TaskCompletionSource HoldSendWhen(Func<string, string, bool> which)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (holdsLock)
        {
            heldSends.Add((which, release));
        }

        return release;
    }

    /// <summary>The oldest unused hold this send matches, taken so no other send uses it; null when none does.</summary>
    private TaskCompletionSource? TakeHold(string to, string body)
    {
        lock (holdsLock)
        {
            var index = heldSends.FindIndex(hold => hold.Which(to, body));
            if (index < 0)
            {
                return null;
            }

            var release = heldSends[index].Release;
            heldSends.RemoveAt(index);
            return release;
        }
    }
}
