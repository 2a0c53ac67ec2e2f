using Consultant.Grains.Common;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Replying;

/// <summary>
/// When a burst of messages is answered: <c>WhatsApp:DebounceSeconds</c> after its latest message, but never later
/// than <c>WhatsApp:MaxBatchWaitSeconds</c> after its first, so a contact writing every few seconds still gets an answer.
/// </summary>
public sealed class DebounceSchedule(IOptions<WhatsAppOptions> options, TimeProvider time)
{
    /// <param name="receivedAt">When each message of the burst arrived (at least one).</param>
    /// <returns>How long from now; zero when it is due already.</returns>
    public TimeSpan DueIn(IReadOnlyCollection<DateTimeOffset> receivedAt)
    {
        var debounced = receivedAt.Max() + TimeSpan.FromSeconds(options.Value.DebounceSeconds);
        var capped = receivedAt.Min() + TimeSpan.FromSeconds(options.Value.MaxBatchWaitSeconds);
        var due = (debounced < capped ? debounced : capped) - time.GetUtcNow();
        return due > TimeSpan.Zero ? due : TimeSpan.Zero;
    }
}
