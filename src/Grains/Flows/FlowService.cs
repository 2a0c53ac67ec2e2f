using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;
using Consultant.Grains.Inbox;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Flows;

/// <summary>
/// A consultant's guided flows, for the Flows page and the API alike: list, one, save (checked by
/// <see cref="FlowRules"/>; a refusal names the step), the flow that starts for new leads; a conversation's flow
/// (running step, expiry, the lead's answers), started or stopped by hand. Everything scoped to the consultant: another
/// consultant's conversation is not found.
/// </summary>
public sealed class FlowService(
    FlowStore store, LeadAnswerStore answers, ConversationRepository conversations, IGrainFactory grains, IOptions<FlowOptions> options, TimeProvider time)
{
    /// <summary>The saved flows, or the built-in default (<see cref="DefaultFlow"/>) when none was ever saved.</summary>
    public async Task<IReadOnlyList<FlowDefinition>> ListAsync(Guid consultantId) =>
        await store.ListAsync(consultantId) is { Count: > 0 } saved ? saved : [DefaultFlow.Build()];

    public async Task<FlowDefinition?> GetAsync(Guid consultantId, Guid flowId) =>
        (await ListAsync(consultantId)).FirstOrDefault(f => f.Id == flowId);

    /// <summary>The flow that starts by itself for a new lead's first message; null when switched off (by the consultant or <c>Flows:StartForNewLeads</c>).</summary>
    public async Task<FlowDefinition?> ForNewLeadsAsync(Guid consultantId) => ForNewLeads(await ListAsync(consultantId));

    /// <summary>Of <paramref name="flows"/> just listed, the one that starts by itself for new leads (null: none, or switched off for the installation).</summary>
    public FlowDefinition? ForNewLeads(IReadOnlyList<FlowDefinition> flows) =>
        options.Value.StartForNewLeads ? flows.FirstOrDefault(f => f.StartsForNewLeads) : null;

    /// <summary>Replaces all the consultant's flows (the API's PUT). 400 naming <c>flows[N].steps[stepId].…</c>.</summary>
    public async Task<Result<FlowList>> SaveAllAsync(Guid consultantId, IReadOnlyList<FlowDefinition>? flows)
    {
        if (flows is null)
        {
            return Problem.Invalid("flows", "Send the list of flows.");
        }

        var normalised = flows.Select(flow => flow is null ? null! : Normalise(flow)).ToList();
        var errors = FlowRules.ValidateAll(normalised);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors);
        }

        await store.ReplaceAsync(consultantId, normalised, time.GetUtcNow());
        return new FlowList(await ListAsync(consultantId));
    }

    /// <summary>
    /// Saves one flow (the page's Save): replaces the one with its id or adds it; when it starts for new leads, the
    /// others stop doing so. 400 naming <c>steps[stepId].…</c>.
    /// </summary>
    public async Task<Result<FlowDefinition>> SaveAsync(Guid consultantId, FlowDefinition? flow)
    {
        if (flow is null)
        {
            return Problem.Invalid("flow", "Send the flow.");
        }

        flow = Normalise(flow);
        var errors = FlowRules.Validate(flow);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors);
        }

        var existing = await ListAsync(consultantId);
        var all = existing
            .Select(f => f.Id == flow.Id ? flow : flow.StartsForNewLeads ? f with { StartsForNewLeads = false } : f)
            .ToList();
        if (existing.All(f => f.Id != flow.Id))
        {
            all.Add(flow);
        }

        await store.ReplaceAsync(consultantId, all, time.GetUtcNow());
        return flow;
    }

    /// <summary>Removes a flow; the last one removed brings the default back. 404 for an unknown id.</summary>
    public async Task<Result<FlowList>> DeleteAsync(Guid consultantId, Guid flowId)
    {
        var flows = await ListAsync(consultantId);
        if (flows.All(f => f.Id != flowId))
        {
            return Problem.NotFound();
        }

        await store.ReplaceAsync(consultantId, flows.Where(f => f.Id != flowId).ToList(), time.GetUtcNow());
        return new FlowList(await ListAsync(consultantId));
    }

    /// <summary>A conversation's flow and the lead's answers (the dashboard's panel). 404 for another consultant's conversation.</summary>
    public async Task<Result<ConversationFlowView>> GetConversationFlowAsync(Guid consultantId, Guid conversationId) =>
        await AddressOfAsync(consultantId, conversationId) is { } address
            ? await ViewAsync(consultantId, address, await Conversation(consultantId, address).GetFlowAsync())
            : Problem.NotFound();

    /// <summary>
    /// Starts a flow by hand: its first question goes out now. 404 for another consultant's conversation; 400 naming
    /// <c>flowId</c> for a flow the consultant does not have; 409 when the contact opted out, the 24-hour window is
    /// closed, or the question could not be sent.
    /// </summary>
    public async Task<Result<ConversationFlowView>> StartAsync(Guid consultantId, Guid conversationId, Guid? flowId, CancellationToken cancellationToken)
    {
        if (await AddressOfAsync(consultantId, conversationId) is not { } address)
        {
            return Problem.NotFound();
        }

        if (flowId is not { } id || await GetAsync(consultantId, id) is null)
        {
            return Problem.Invalid("flowId", "Choose one of your flows.");
        }

        var started = await Conversation(consultantId, address).StartFlowAsync(id, cancellationToken);
        return started.Outcome switch
        {
            FlowStartOutcome.Started => await ViewAsync(consultantId, address, started.Position),
            FlowStartOutcome.FlowNotFound => Problem.Invalid("flowId", "Choose one of your flows."),
            _ => Problem.Conflict("The flow was not started", "flowId", started.Problem ?? "The first question could not be sent."),
        };
    }

    /// <summary>Stops the conversation's flow (nothing running is fine). 404 for another consultant's conversation.</summary>
    public async Task<Result<ConversationFlowView>> StopAsync(Guid consultantId, Guid conversationId)
    {
        if (await AddressOfAsync(consultantId, conversationId) is not { } address)
        {
            return Problem.NotFound();
        }

        await Conversation(consultantId, address).StopFlowAsync();
        return await ViewAsync(consultantId, address, null);
    }

    private async Task<ConversationFlowView> ViewAsync(Guid consultantId, string address, FlowPosition? position)
    {
        var answered = LeadAnswers.Of(await answers.ListAsync(consultantId, address));
        if (position is null)
        {
            return new ConversationFlowView(null, null, null, null, null, answered);
        }

        var flow = await GetAsync(consultantId, position.FlowId);
        return new ConversationFlowView(position.FlowId, flow?.Name, position.StepId, position.StartedAt, FlowSilence.ExpiresAt(position), answered,
            flow is null ? null : FlowProgress.Of(flow, position.StepId, answered.All));
    }

    private async Task<string?> AddressOfAsync(Guid consultantId, Guid conversationId) =>
        (await conversations.FindAsync(consultantId, conversationId))?.Conversation.ContactPhone;

    private IConversationGrain Conversation(Guid consultantId, string address) =>
        grains.GetGrain<IConversationGrain>(ConversationKey.Format(consultantId, address));

    /// <summary>Names trimmed, missing lists empty: what the rules check is what is stored.</summary>
    private static FlowDefinition Normalise(FlowDefinition flow) => flow with
    {
        Name = flow.Name?.Trim() ?? string.Empty,
        StartStepId = flow.StartStepId?.Trim() ?? string.Empty,
        Steps = flow.Steps ?? [],
    };
}
