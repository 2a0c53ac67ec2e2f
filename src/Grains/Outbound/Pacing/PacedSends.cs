using Consultant.Grains.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Grains.Outbound.Pacing;

/// <summary>
/// The one way automated bulk sends (broadcasts, follow-ups) go out: wait for the sender's next slot here, outside the
/// conversation grain (which is not reentrant: its replies are not held up while a broadcast waits), then
/// <see cref="IConversationGrain.SendAutomatedAsync"/>. Conversational replies never come here.
/// </summary>
public sealed class PacedSends(IGrainFactory grains, [FromKeyedServices(SenderPacingClock.Key)] TimeProvider time)
{
    /// <summary>Waits for the consultant's sender's next slot (cancellable: a slot not used is simply lost).</summary>
    public async Task WaitForSlotAsync(Guid consultantId, CancellationToken cancellationToken) =>
        await WaitUntilAsync(await TakeSlotAsync(consultantId), cancellationToken);

    /// <summary>Reserves the consultant's sender's next slot without waiting for it (a caller may take the next one early).</summary>
    public async Task<DateTimeOffset> TakeSlotAsync(Guid consultantId)
    {
        var settings = await grains.GetGrain<IConsultantGrain>(consultantId).GetReplySettingsAsync();
        return await grains.GetGrain<ISenderPacerGrain>(SenderKey.Of(consultantId, settings)).TakeSlotAsync();
    }

    /// <summary>Waits until a reserved slot's moment (at once when it has come).</summary>
    public async Task WaitUntilAsync(DateTimeOffset slot, CancellationToken cancellationToken)
    {
        var wait = slot - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>Waits for a slot, then sends through the conversation (STOP and the 24-hour window are checked there).</summary>
    public async Task<AutomatedSendResult> SendAsync(Guid consultantId, string phone, AutomatedMessage message, CancellationToken cancellationToken)
    {
        await WaitForSlotAsync(consultantId, cancellationToken);
        return await grains.GetGrain<IConversationGrain>(ConversationKey.Format(consultantId, phone)).SendAutomatedAsync(message, cancellationToken);
    }
}
