using Consultant.Grains.Abstractions;
using Consultant.Grains.Flows;
using Consultant.Grains.Outbound;

namespace Consultant.Grains.Conversations;

/// <summary>A conversation's guided flow started, stopped or shown by the consultant (the dashboard's flow controls).</summary>
public sealed partial class ConversationGrain
{
    public async Task<FlowStartResult> StartFlowAsync(Guid flowId, CancellationToken cancellationToken)
    {
        if (!State.Initialized)
        {
            await IdentifyContactAsync();
        }

        if (State.OptedOut)
        {
            return new FlowStartResult(FlowStartOutcome.OptedOut, null, SendProblemText.OptedOut);
        }

        if (!WhatsAppWindow.IsOpen(View(), time.GetUtcNow()))
        {
            return new FlowStartResult(FlowStartOutcome.OutsideWindow, null, SendProblemText.OutsideWindow);
        }

        if (await flowStarter.StartAsync(consultantId, phone, flowId, cancellationToken) is not { } turn)
        {
            return new FlowStartResult(FlowStartOutcome.FlowNotFound, null, "No flow of yours has that id.");
        }

        // Sent on the system's own, like SendAutomatedAsync: counted and shown, no answer to what waits.
        State.Flow = turn.Position;
        foreach (var message in turn.Sent.Messages)
        {
            State.CountAutomated(message.CreatedAt, ConversationPreview.Of(message.Body, null));
        }

        await SaveAsync(updateListRow: true);
        await publisher.ConversationChangedAsync(consultantId, View());
        return turn.Sent.Problem is null
            ? new FlowStartResult(FlowStartOutcome.Started, turn.Position, null)
            : new FlowStartResult(FlowStartOutcome.Failed, turn.Position, turn.Sent.Problem);
    }

    public async Task<bool> StopFlowAsync()
    {
        var running = State.Flow is not null;
        State.Flow = null;
        await SaveAsync(updateListRow: false);
        return running;
    }

    public Task<FlowPosition?> GetFlowAsync() =>
        Task.FromResult(State.Flow is { } position && !FlowSilence.HasExpired(position, time.GetUtcNow()) ? position : null);
}
