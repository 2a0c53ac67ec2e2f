namespace Consultant.Grains.Broadcasts;

/// <summary>
/// The sending loop's idle waits and the wakes that end them (a retry made due sooner, a resume). A wake that comes
/// while the loop is not napping — between reading the table and starting to nap, or on its way out — is kept until
/// the loop reads the table again, so it is never lost: the next nap ends at once instead of sleeping through it
/// until the minute's sweep. Used only on the grain's turn, so it needs no lock.
/// </summary>
internal sealed class BroadcastWakes(TimeProvider time)
{
    private CancellationTokenSource? nap;
    private bool woken;

    /// <summary>Something changed: a nap under way ends now; otherwise the loop looks again before it naps or stops.</summary>
    public void Wake()
    {
        woken = true;
        nap?.Cancel();
    }

    /// <summary>The loop reads the table now: it sees whatever the wakes before this were about.</summary>
    public void Reading() => woken = false;

    /// <summary>Whether a wake came since the loop last read the table; it is then taken (the loop looks again).</summary>
    public bool TakeWake()
    {
        var wasWoken = woken;
        woken = false;
        return wasWoken;
    }

    /// <summary>Waits up to <paramref name="wait"/>; a wake (one that came before this too) ends it early, a halt throws.</summary>
    public async Task NapAsync(TimeSpan wait, CancellationToken halt)
    {
        if (TakeWake())
        {
            return; // woken after the table was read: what it decided from may be out of date
        }

        using var napping = CancellationTokenSource.CreateLinkedTokenSource(halt);
        nap = napping;
        try
        {
            await Task.Delay(wait, time, napping.Token);
        }
        catch (OperationCanceledException) when (!halt.IsCancellationRequested)
        {
            woken = false; // woken: the next step reads the table again
        }
        finally
        {
            nap = null;
        }
    }
}
