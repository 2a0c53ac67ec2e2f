namespace Consultant.Grains.Abstractions;

/// <summary>
/// Sends one broadcast, keyed "{consultantId:N}/{broadcastId:N}": claims its recipients one at a time from the table
/// and sends each at the sender's pace. The table is the truth: any activation resumes where the last one stopped.
/// </summary>
[Alias("Consultant.IBroadcastGrain")]
public interface IBroadcastGrain : IGrainWithStringKey
{
    /// <summary>Starts sending if the broadcast is running and not already being sent here (idempotent).</summary>
    [Alias("Wake")]
    Task WakeAsync();

    /// <summary>The broadcast was paused or cancelled: stop waiting for the next slot now.</summary>
    [Alias("Halt")]
    Task HaltAsync();
}
