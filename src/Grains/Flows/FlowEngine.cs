using System.Globalization;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Analytics;
using Consultant.Grains.Interactive;
using Consultant.Grains.Languages;
using Consultant.Grains.Replying;

namespace Consultant.Grains.Flows;

/// <summary>
/// Moves a conversation through a guided flow, one step per batch: the answer is read (a tap by its payload, a typed
/// number or text by <see cref="InteractiveAnswers"/>, an e-mail/phone/date checked and asked again at most
/// <see cref="FlowStep.MaxRetries"/> times), stored on the lead, and the next question sent. STOP or an unrelated
/// question ends the flow and hands the batch to the AI instead of repeating the question; "operatore" ends it with an
/// acknowledgement and leaves the reply to the consultant (<see cref="HandToConsultantAsync"/>). A goal and a
/// valid e-mail make the lead <i>qualified</i>. Sending happens here; the position is the conversation's to keep.
/// </summary>
public sealed class FlowEngine(
    FlowService flows, FlowMessages send, FlowBooking booking, LeadAnswerStore answers, LeadFunnel funnel, TimeProvider time)
{
    /// <summary>The flow's first question goes out; the position waits for its answer (null when the flow ended at once).</summary>
    public Task<FlowTurn> StartAsync(FlowContact contact, FlowDefinition flow, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return EnterAsync(contact, flow, flow.StartStepId, new FlowPosition(flow.Id, flow.StartStepId, 0, now, now), FlowSent.Nothing, cancellationToken);
    }

    /// <summary>The contact answered the step at <paramref name="position"/> (one batch: one advance at most).</summary>
    public async Task<FlowTurn> AnswerAsync(FlowContact contact, FlowPosition position, FlowReply reply, CancellationToken cancellationToken)
    {
        var flow = await flows.GetAsync(contact.ConsultantId, position.FlowId);
        if (flow?.Step(position.StepId) is not { } step || (reply.ButtonPayload is null && FlowAnswerRules.LeavesTheFlow(reply.LastText)))
        {
            return FlowTurn.HandOver; // the flow was deleted or changed, or the contact asked for a person (or STOP)
        }

        position = position with { LastActivityAt = time.GetUtcNow() };
        return step.AnswerType switch
        {
            FlowAnswerType.Choice => await ChoiceAsync(contact, flow, step, position, reply, cancellationToken),
            FlowAnswerType.Booking => await BookingAsync(contact, flow, step, position, reply, cancellationToken),
            FlowAnswerType.FreeText => await AcceptAsync(contact, flow, step, position, reply.AllText.Trim(), reply.AllText, step.Next, cancellationToken),
            _ => await CheckedAsync(contact, flow, step, position, reply, cancellationToken),
        };
    }

    private async Task<FlowTurn> ChoiceAsync(
        FlowContact contact, FlowDefinition flow, FlowStep step, FlowPosition position, FlowReply reply, CancellationToken cancellationToken)
    {
        var question = FlowQuestions.Build(step, contact.Language);
        if (InteractiveAnswers.Match(question.Options, reply.ButtonPayload, reply.LastText) is not { } chosen)
        {
            return await NotAnOptionAsync(contact, step, position, reply, question, cancellationToken);
        }

        var option = step.OptionList.First(o => o.Id == chosen.Id);
        return await AcceptAsync(contact, flow, step, position, option.Id, reply.ButtonPayload is null ? reply.LastText : chosen.Title, option.Next, cancellationToken);
    }

    private async Task<FlowTurn> BookingAsync(
        FlowContact contact, FlowDefinition flow, FlowStep step, FlowPosition position, FlowReply reply, CancellationToken cancellationToken)
    {
        // Answers come in batches only; the confirmation goes after the batch (BookingChatNotices), not from here.
        var batchId = contact.BatchId ?? throw new InvalidOperationException("A flow's booking is answered in a batch.");
        var booked = await booking.BookedInBatchAsync(contact, batchId); // resumed after a crash: booked already, the offer gone
        if (booked is null)
        {
            var question = await booking.OfferedAsync(contact, step);
            if (InteractiveAnswers.Match(question.Options, reply.ButtonPayload, reply.LastText) is not { } chosen)
            {
                return await NotAnOptionAsync(contact, step, position, reply, question, cancellationToken);
            }

            if (chosen.Id == FlowBooking.OtherTime || await booking.BookAsync(contact, batchId, chosen.Id) is not { } made)
            {
                // Another time, or the slot was taken meanwhile: the consultant proposes one.
                return new FlowTurn(null, await send.TextAsync(contact, FlowTexts.ConsultantWillPropose(contact.Language), cancellationToken));
            }

            booked = made;
        }

        await SaveAsync(contact, step, position, booked.StartsAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture), booked.Label);
        return step.Next is null
            ? new FlowTurn(null, FlowSent.Nothing)
            : await EnterAsync(contact, flow, step.Next, position, FlowSent.Nothing, cancellationToken);
    }

    /// <summary>
    /// The contact asked for a person ("operatore"): the flow ends with a fixed acknowledgement in their language, and
    /// the conversation needs the consultant's reply. The AI does not answer this batch (it would pretend to be the
    /// consultant), whether it could or not.
    /// </summary>
    public async Task<FlowTurn> HandToConsultantAsync(FlowContact contact, CancellationToken cancellationToken) =>
        new(null, await send.TextAsync(contact, ContactTexts.ConsultantWillAnswer(contact.Language), cancellationToken), ConsultantMustReply: NoReplyReasons.AskedForYou);

    /// <summary>E-mail, phone or date: kept when valid; otherwise asked again, at most <see cref="FlowStep.MaxRetries"/> times, then the flow moves on.</summary>
    private async Task<FlowTurn> CheckedAsync(
        FlowContact contact, FlowDefinition flow, FlowStep step, FlowPosition position, FlowReply reply, CancellationToken cancellationToken)
    {
        if (FlowAnswerRules.Check(step.AnswerType, reply.LastText) is { } value)
        {
            return await AcceptAsync(contact, flow, step, position, value, reply.LastText, step.Next, cancellationToken);
        }

        if (position.Retries < step.MaxRetries)
        {
            return new FlowTurn(position with { Retries = position.Retries + 1 },
                await send.TextAsync(contact, FlowTexts.AskAgain(step.AnswerType, contact.Language), cancellationToken));
        }

        return await EnterAsync(contact, flow, step.Next, position, FlowSent.Nothing, cancellationToken);
    }

    /// <summary>
    /// An answer that is none of the options: a question of the contact's own goes to the AI (the flow ends); anything
    /// else gets the question again, at most <see cref="FlowStep.MaxRetries"/> times, then the AI answers too.
    /// </summary>
    private async Task<FlowTurn> NotAnOptionAsync(
        FlowContact contact, FlowStep step, FlowPosition position, FlowReply reply, InteractiveQuestion question, CancellationToken cancellationToken)
    {
        if (FlowAnswerRules.LooksLikeQuestion(reply.LastText) || position.Retries >= step.MaxRetries)
        {
            return FlowTurn.HandOver;
        }

        return new FlowTurn(position with { Retries = position.Retries + 1 }, await send.QuestionAsync(contact, question, cancellationToken));
    }

    private async Task<FlowTurn> AcceptAsync(
        FlowContact contact, FlowDefinition flow, FlowStep step, FlowPosition position, string value, string raw, string? next,
        CancellationToken cancellationToken)
    {
        await SaveAsync(contact, step, position, value, raw);
        return await EnterAsync(contact, flow, next, position, FlowSent.Nothing, cancellationToken);
    }

    private async Task SaveAsync(FlowContact contact, FlowStep step, FlowPosition position, string value, string raw)
    {
        await answers.SaveAsync(contact.ConsultantId, contact.Address,
            new LeadAnswer(position.FlowId, step.Id, step.Field, value, raw.Trim(), time.GetUtcNow()));
        if (step.Field is FlowAnswerField.Goal or FlowAnswerField.Email)
        {
            var lead = LeadAnswers.Of(await answers.ListAsync(contact.ConsultantId, contact.Address));
            if (lead.Goal is not null && lead.Email is not null)
            {
                await funnel.MarkQualifiedAsync(contact.ConsultantId, contact.Address, LeadStageSource.Flow);
            }
        }
    }

    /// <summary>Asks step <paramref name="stepId"/> (null: the end, with thanks); a booking step with nothing free ends with "the consultant will propose a time".</summary>
    private async Task<FlowTurn> EnterAsync(
        FlowContact contact, FlowDefinition flow, string? stepId, FlowPosition position, FlowSent sent, CancellationToken cancellationToken)
    {
        if (flow.Step(stepId) is not { } step)
        {
            return new FlowTurn(null, sent.Then(await send.TextAsync(contact, FlowTexts.Thanks(contact.Language), cancellationToken)));
        }

        var at = position with { StepId = step.Id, Retries = 0, LastActivityAt = time.GetUtcNow() };
        if (step.AnswerType == FlowAnswerType.Booking)
        {
            // A batch resumed after a crash offers the slots it recorded then (still held), not new ones.
            var slots = await send.RecordedBeforeAsync(contact) ? await booking.OfferedAsync(contact, step) : await booking.OfferAsync(contact, step);
            return slots is not null
                ? new FlowTurn(at, sent.Then(await send.QuestionAsync(contact, slots, cancellationToken)))
                : new FlowTurn(null, sent.Then(await send.TextAsync(contact, FlowTexts.ConsultantWillPropose(contact.Language), cancellationToken)));
        }

        return new FlowTurn(at, sent.Then(await send.QuestionAsync(contact, FlowQuestions.Build(step, contact.Language), cancellationToken)));
    }
}
