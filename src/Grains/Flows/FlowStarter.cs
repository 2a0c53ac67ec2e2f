using Consultant.Grains.Abstractions;
using Consultant.Grains.Clients;
using Consultant.Grains.Languages;

namespace Consultant.Grains.Flows;

/// <summary>Starts one of the consultant's flows by hand, in the contact's language (the conversation decided it may write).</summary>
public sealed class FlowStarter(FlowService flows, FlowEngine engine, ClientRepository clients, ContactLanguageStore languages)
{
    /// <returns>Null when the consultant has no flow <paramref name="flowId"/>.</returns>
    public async Task<FlowTurn?> StartAsync(Guid consultantId, string address, Guid flowId, CancellationToken cancellationToken)
    {
        if (await flows.GetAsync(consultantId, flowId) is not { } flow)
        {
            return null;
        }

        var client = await clients.FindByContactAsync(consultantId, ConversationKey.ContactPhone(address));
        var language = LanguageRule.Current(await languages.GetAsync(consultantId, address), client?.Language, address).Language;
        return await engine.StartAsync(new FlowContact(consultantId, address, language), flow, cancellationToken);
    }
}
