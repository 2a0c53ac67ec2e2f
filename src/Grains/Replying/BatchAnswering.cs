using Consultant.Grains.Hooks;
using Consultant.Grains.Outbound;

namespace Consultant.Grains.Replying;

/// <summary>
/// One attempt at answering a batch, in the conversation's turn: the capabilities' <i>before answering</i>
/// (<see cref="ConversationHooks"/>), then <see cref="BatchReplier"/>. The consultant may take over meanwhile (a message
/// by hand): what the AI prepared is then cancelled, never sent, and there is no outcome.
/// </summary>
public sealed class BatchAnswering(ConversationHooks hooks, BatchReplier replier, ReplyLedger ledger)
{
    /// <param name="messageIds">The batch's inbound messages (for the hooks).</param>
    /// <param name="consultantTookOver">Cancelled when the consultant answers by hand.</param>
    /// <param name="stopping">The silo shutting down: no take-over, the batch stays in flight for a retry.</param>
    /// <returns>Null when the consultant took over.</returns>
    public async Task<BatchOutcome?> AnswerAsync(
        BatchToAnswer batch, IReadOnlyList<Guid> messageIds, CancellationToken consultantTookOver, CancellationToken stopping)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stopping, consultantTookOver);
        try
        {
            await hooks.BeforeAnswerAsync(
                new AnsweringBatch(batch.ConsultantId, batch.Phone, batch.BatchId, messageIds, batch.AiEnabled, batch.OptedOut), either.Token);
            return await replier.AnswerAsync(batch, either.Token);
        }
        catch (OperationCanceledException) when (consultantTookOver.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            // The consultant answered by hand while the AI was preparing this reply: what it prepared is not sent.
            await ledger.CancelUnsentRepliesAsync(batch.ConsultantId, batch.BatchId);
            return null;
        }
    }
}
