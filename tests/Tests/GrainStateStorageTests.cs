using Consultant.Grains.Conversations;
using Consultant.Grains.Settings;
using Consultant.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;

namespace Consultant.Tests;

/// <summary>
/// Grain state as PostgreSQL gives it back after a restart or an idle deactivation: every value comes back as it was
/// written, including <c>false</c> and <c>0</c> where the type starts with something else (a lead by default, the AI on
/// by default). A storage serializer that leaves default values out would read those back as the initial ones.
/// </summary>
public sealed class GrainStateStorageTests : HostFixture
{
    private IGrainStorage Storage => Host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);

    private async Task<T> RoundTripAsync<T>(string grainType, T written) where T : new()
    {
        var grainId = GrainId.Create(grainType, Guid.NewGuid().ToString("N"));
        await Storage.WriteStateAsync("state", grainId, new GrainState<T>(written));
        var read = new GrainState<T>(new T());
        await Storage.ReadStateAsync("state", grainId, read);
        Assert.That(read.RecordExists, "the state was stored");
        return read.State!;
    }

    [Test]
    public async Task A_clients_conversation_with_the_ai_turned_off_is_read_back_as_a_client_with_the_ai_off()
    {
        var written = new ConversationState { Initialized = true, IsLead = false, ClientId = Guid.NewGuid(), AiEnabled = false, MessageCount = 0 };

        var read = await RoundTripAsync("conversation", written);

        Assert.That((read.IsLead, read.AiEnabled, read.Initialized, read.ClientId), Is.EqualTo((false, false, true, written.ClientId)),
            "false must not come back as the type's initial true");
    }

    [Test]
    public async Task A_leads_conversation_with_the_ai_on_is_read_back_unchanged()
    {
        var read = await RoundTripAsync("conversation", new ConversationState { Initialized = true, IsLead = true, AiEnabled = true, MessageCount = 3 });

        Assert.That((read.IsLead, read.AiEnabled, read.MessageCount), Is.EqualTo((true, true, 3)));
    }

    [Test]
    public async Task A_consultants_settings_keep_a_switch_turned_off()
    {
        var read = await RoundTripAsync("consultant", new ConsultantState { AnswerLeadsWithOwnKey = false, Persona = "Coach" });

        Assert.That((read.AnswerLeadsWithOwnKey, read.Persona), Is.EqualTo((false, "Coach")));
    }
}
