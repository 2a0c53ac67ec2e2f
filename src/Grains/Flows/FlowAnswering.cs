using Consultant.Grains.Abstractions;
using Consultant.Grains.Clients;
using Consultant.Grains.Languages;
using Consultant.Grains.Messages;
using Consultant.Grains.Outbound;
using Consultant.Grains.Replying;

namespace Consultant.Grains.Flows;

/// <summary>
/// Answers a batch by the guided flow when one runs (or starts: a lead's first batch, with the consultant's flow for
/// new leads), else by <see cref="BatchAnswering"/> (the AI, STOP/START's confirmation). A flow 24 hours silent has
/// expired and never resumes; STOP or an unrelated question ends it and the AI answers that batch; "operatore" ends it
/// with an acknowledgement and the consultant's reply is asked for (the AI does not answer that batch). Only
/// when something automatic may answer at all (settings, AI switch, opt-out: <see cref="BatchReplier.WhyNoAutomaticReply"/>).
/// </summary>
public sealed class FlowAnswering(
    BatchAnswering replies,
    FlowService flows,
    FlowEngine engine,
    FlowBatchMessages batchMessages,
    ReplyLedger ledger,
    ClientRepository clients,
    ContactLanguageStore languages,
    IGrainFactory grains,
    TimeProvider time)
{
    /// <param name="position">The flow running before this batch (null: none).</param>
    /// <param name="leadsFirstBatch">The conversation's first batch, from a lead: the flow for new leads may start.</param>
    public async Task<FlowAnswered> AnswerAsync(
        BatchToAnswer batch, IReadOnlyList<Guid> messageIds, FlowPosition? position, bool leadsFirstBatch,
        CancellationToken consultantTookOver, CancellationToken stopping)
    {
        if (position is not null && FlowSilence.HasExpired(position, time.GetUtcNow()))
        {
            position = null; // 24 hours of silence: the flow is over
        }

        if ((position is null && !leadsFirstBatch) || batch.OptedOut || batch.OptOutChange != OptOutChange.None)
        {
            return await ByTheAiAsync(batch, messageIds, null, consultantTookOver, stopping);
        }

        if (await WhyNoAutomaticReplyAsync(batch) is not null)
        {
            return await ByTheAiAsync(batch, messageIds, position, consultantTookOver, stopping); // it says why; the flow waits
        }

        using var either = CancellationTokenSource.CreateLinkedTokenSource(stopping, consultantTookOver);
        try
        {
            var client = await clients.FindByContactAsync(batch.ConsultantId, ConversationKey.ContactPhone(batch.Phone));
            var language = LanguageRule.Current(await languages.GetAsync(batch.ConsultantId, batch.Phone), client?.Language, batch.Phone).Language;
            var contact = new FlowContact(batch.ConsultantId, batch.Phone, language, batch.BatchId);
            var starting = position is null ? await flows.ForNewLeadsAsync(batch.ConsultantId) : null;
            if (position is null && starting is null)
            {
                return await ByTheAiAsync(batch, messageIds, null, consultantTookOver, stopping);
            }

            var reply = await batchMessages.ReadAsync(batch.ConsultantId, messageIds);
            var turn = reply.ButtonPayload is null && FlowAnswerRules.AsksForPerson(reply.LastText)
                ? await engine.HandToConsultantAsync(contact, either.Token) // "operatore": whatever the AI could say
                : starting is not null
                    ? await engine.StartAsync(contact, starting, either.Token)
                    : await engine.AnswerAsync(contact, position!, reply, either.Token);
            if (turn.HandToAi)
            {
                return await ByTheAiAsync(batch, messageIds, null, consultantTookOver, stopping);
            }

            var sent = turn.Sent.Messages.Select(m => new ReplyIntent(m.Id, m.Body, null, m.Status, m.Channel)).ToList();
            return new FlowAnswered(new BatchOutcome(client, sent, turn.Sent.Problem ?? turn.ConsultantMustReply, time.GetUtcNow()), turn.Position);
        }
        catch (OperationCanceledException) when (consultantTookOver.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            await ledger.CancelUnsentRepliesAsync(batch.ConsultantId, batch.BatchId); // the consultant answered by hand meanwhile
            return new FlowAnswered(null, position);
        }
    }

    private async Task<FlowAnswered> ByTheAiAsync(
        BatchToAnswer batch, IReadOnlyList<Guid> messageIds, FlowPosition? position, CancellationToken consultantTookOver, CancellationToken stopping) =>
        new(await replies.AnswerAsync(batch, messageIds, consultantTookOver, stopping), position);

    private async Task<string?> WhyNoAutomaticReplyAsync(BatchToAnswer batch)
    {
        var consultant = grains.GetGrain<IConsultantGrain>(batch.ConsultantId);
        var settings = await consultant.GetReplySettingsAsync();
        if (settings is null && MessageChannel.Of(batch.Phone) == MessageChannel.Simulator)
        {
            settings = await consultant.GetSimulatorReplySettingsAsync();
        }

        return BatchReplier.WhyNoAutomaticReply(settings, batch.AiEnabled, batch.OptedOut, batch.OptOutChange);
    }
}
