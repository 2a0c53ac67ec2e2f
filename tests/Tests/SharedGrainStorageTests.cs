using Consultant.Grains.Abstractions;
using Consultant.Grains.Conversations;
using Consultant.Grains.Storage;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;

namespace Consultant.Tests;

/// <summary>
/// The conversations' state through the shared round trips (<see cref="SharedGrainStorage"/>): the same rows as Orleans'
/// ADO.NET provider (each reads what the other wrote, versions counting on), a stale write refused as Orleans expects,
/// a cleared state read back as new, and the switch back to the ADO.NET provider (<c>GrainStorage:SharedRoundTrips</c>).
/// </summary>
public sealed class SharedGrainStorageTests : HostFixture
{
    private IGrainStorage Shared => Host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Conversations);

    private IGrainStorage AdoNet => Host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);

    private static GrainId NewConversationId() => GrainId.Create("conversation", ConversationKey.Format(Guid.NewGuid(), "+393330001122"));

    [Test]
    public void The_conversations_state_goes_through_the_shared_round_trips_by_default() =>
        Assert.That(Shared, Is.TypeOf<SharedGrainStorage>());

    [Test]
    public async Task A_state_is_read_back_as_written_and_each_write_counts_the_version_on()
    {
        var grainId = NewConversationId();
        var missing = new GrainState<ConversationState>(new ConversationState());
        await Shared.ReadStateAsync("conversation", grainId, missing);
        Assert.That((missing.RecordExists, missing.ETag, missing.State!.MessageCount), Is.EqualTo((false, (string?)null, 0)));

        var written = new GrainState<ConversationState>(new ConversationState { Initialized = true, IsLead = false, AiEnabled = false, MessageCount = 4 });
        await Shared.WriteStateAsync("conversation", grainId, written);
        Assert.That((written.ETag, written.RecordExists), Is.EqualTo(("1", true)));
        written.State!.MessageCount = 5;
        await Shared.WriteStateAsync("conversation", grainId, written);
        Assert.That(written.ETag, Is.EqualTo("2"));

        var read = new GrainState<ConversationState>(new ConversationState());
        await Shared.ReadStateAsync("conversation", grainId, read);
        Assert.That((read.RecordExists, read.ETag, read.State!.MessageCount, read.State!.IsLead, read.State!.AiEnabled), Is.EqualTo((true, "2", 5, false, false)));
    }

    [Test]
    public async Task Each_provider_reads_and_writes_the_rows_of_the_other()
    {
        var grainId = NewConversationId();
        await AdoNet.WriteStateAsync("conversation", grainId, new GrainState<ConversationState>(new ConversationState { MessageCount = 7 }));

        var read = new GrainState<ConversationState>(new ConversationState());
        await Shared.ReadStateAsync("conversation", grainId, read);
        Assert.That((read.ETag, read.State!.MessageCount), Is.EqualTo(("1", 7)), "a row written before the switch");

        read.State!.MessageCount = 8;
        await Shared.WriteStateAsync("conversation", grainId, read);
        var back = new GrainState<ConversationState>(new ConversationState());
        await AdoNet.ReadStateAsync("conversation", grainId, back);
        Assert.That((back.ETag, back.State!.MessageCount), Is.EqualTo(("2", 8)), "a row written after it, read by a silo switched back");
        Assert.That(await Db.ScalarAsync<long>(Host.ConnectionString, "SELECT count(*) FROM orleans_storage WHERE grain_id_ext = @key",
            ("key", grainId.Key.ToString()!)), Is.EqualTo(1), "one row for the grain");
    }

    [Test]
    public async Task A_write_from_a_stale_version_or_a_second_first_write_is_refused()
    {
        var grainId = NewConversationId();
        var first = new GrainState<ConversationState>(new ConversationState { MessageCount = 1 });
        await Shared.WriteStateAsync("conversation", grainId, first);

        var alsoFirst = new GrainState<ConversationState>(new ConversationState { MessageCount = 99 });
        await Assert.ThrowsAsync<InconsistentStateException>(() => Shared.WriteStateAsync("conversation", grainId, alsoFirst), "no ETag but a row exists");
        await Shared.WriteStateAsync("conversation", grainId, first);
        var stale = new GrainState<ConversationState>(new ConversationState { MessageCount = 99 }) { ETag = "1" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => Shared.WriteStateAsync("conversation", grainId, stale), "version 1 after version 2");

        var read = new GrainState<ConversationState>(new ConversationState());
        await Shared.ReadStateAsync("conversation", grainId, read);
        Assert.That((read.ETag, read.State!.MessageCount), Is.EqualTo(("2", 1)), "neither refused write changed the row");
    }

    [Test]
    public async Task A_cleared_state_is_read_back_as_new_and_can_be_written_again()
    {
        var grainId = NewConversationId();
        var state = new GrainState<ConversationState>(new ConversationState { MessageCount = 3 });
        await Shared.WriteStateAsync("conversation", grainId, state);

        await Shared.ClearStateAsync("conversation", grainId, state);
        Assert.That((state.RecordExists, state.ETag, state.State!.MessageCount), Is.EqualTo((false, "2", 0)));
        var read = new GrainState<ConversationState>(new ConversationState { MessageCount = 42 });
        await Shared.ReadStateAsync("conversation", grainId, read);
        Assert.That((read.RecordExists, read.ETag, read.State!.MessageCount), Is.EqualTo((false, "2", 0)));

        read.State!.MessageCount = 1;
        await Shared.WriteStateAsync("conversation", grainId, read);
        Assert.That(read.ETag, Is.EqualTo("3"));
    }

    [Test]
    public async Task A_grain_keyed_by_a_guid_is_not_this_stores()
    {
        var guidKeyed = GrainId.Create("consultant", Guid.NewGuid().ToString("N"));
        await Assert.ThrowsAsync<NotSupportedException>(() =>
            Shared.WriteStateAsync("consultant", guidKeyed, new GrainState<ConversationState>(new ConversationState())));
    }
}

/// <summary><c>GrainStorage:SharedRoundTrips=false</c>: the conversations' state is Orleans' ADO.NET provider's again.</summary>
public sealed class SharedGrainStorageSwitchedOffTests : HostFixture
{
    protected override IReadOnlyDictionary<string, string>? Settings => new Dictionary<string, string> { ["GrainStorage:SharedRoundTrips"] = "false" };

    [Test]
    public void The_conversations_state_goes_through_orleans_ado_net_provider() =>
        Assert.That(Host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Conversations),
            Is.SameAs(Host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains)));
}
