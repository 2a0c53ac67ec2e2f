using System.Reflection;
using Consultant.Grains.Conversations;
using Consultant.Grains.Settings;
using Consultant.Grains.Storage;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;

namespace Consultant.Tests;

/// <summary>
/// Grain state as PostgreSQL gives it back after a restart or an idle deactivation: every value comes back as it was
/// written, including <c>false</c> and <c>0</c> where the type starts with something else (a lead by default, the AI on
/// by default). A storage serializer that leaves default values out would read those back as the initial ones.
/// Rows written in Newtonsoft JSON before the binary format (<see cref="GrainStateSerializer"/>) are read, then rewritten
/// in the configured format on the next write, with the versions (ETags) counting on as before.
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

    [Test]
    public async Task A_row_written_in_newtonsoft_json_is_read_rewritten_in_the_binary_format_and_its_version_counts_on()
    {
        // The product as it was: same database, the storage writing Newtonsoft JSON (its own cluster: storage only).
        await using var before = new SiloHost(Host.ConnectionString, Twilio.BaseUrl, clusterId: "before-" + Guid.NewGuid().ToString("N"),
            settings: new Dictionary<string, string> { ["GrainStorage:Serializer"] = nameof(GrainStateFormat.Newtonsoft) });
        var oldStorage = before.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);

        foreach (var sample in GrainStateSamples.EveryMemberSet())
        {
            var migrate = GetType().GetMethod(nameof(MigrateAsync), BindingFlags.NonPublic | BindingFlags.Instance)!.MakeGenericMethod(sample.GetType());
            await (Task)migrate.Invoke(this, [oldStorage, sample])!;
        }
    }

    private async Task MigrateAsync<T>(IGrainStorage oldStorage, T sample) where T : new()
    {
        var key = "migrated-" + Guid.NewGuid().ToString("N");
        var grainId = GrainId.Create(typeof(T).Name.ToLowerInvariant(), key);
        var what = typeof(T).Name;

        await oldStorage.WriteStateAsync("state", grainId, new GrainState<T>(sample));
        Assert.That(await PayloadStartAsync(key), Is.EqualTo("{\"$id\""), $"{what}: the old product's row is Newtonsoft JSON");

        var read = new GrainState<T>(new T());
        await Storage.ReadStateAsync("state", grainId, read);
        Assert.That((GrainStateComparison.Describe(read.State!), read.ETag), Is.EqualTo((GrainStateComparison.Describe(sample!), "1")), $"{what}: read whole, version 1");

        await Storage.WriteStateAsync("state", grainId, read);
        Assert.That((await PayloadStartAsync(key), read.ETag), Is.EqualTo(("0x01", "2")), $"{what}: rewritten in the binary format, version 2");

        var stale = new GrainState<T>(sample) { ETag = "1" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("state", grainId, stale), $"{what}: a write of version 1 is refused");

        var readByOld = new GrainState<T>(new T());
        await oldStorage.ReadStateAsync("state", grainId, readByOld);
        Assert.That((GrainStateComparison.Describe(readByOld.State!), readByOld.ETag), Is.EqualTo((GrainStateComparison.Describe(sample!), "2")),
            $"{what}: a silo still configured for Newtonsoft reads the binary row too (a switch back loses nothing)");
    }

    /// <summary>The stored payload's start: the first six characters of JSON, or the first byte of a binary row in hex.</summary>
    private async Task<string?> PayloadStartAsync(string key) =>
        await Db.ScalarAsync<string>(Host.ConnectionString,
            """
            SELECT CASE WHEN get_byte(payload, 0) = 123 THEN convert_from(substring(payload FROM 1 FOR 6), 'UTF8')
                        ELSE '0x' || encode(substring(payload FROM 1 FOR 1), 'hex') END
              FROM orleans_storage WHERE grain_id_ext = @key
            """, ("key", key));
}
