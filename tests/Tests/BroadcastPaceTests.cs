using System.Collections.Concurrent;
using System.Net;
using Consultant.Grains.Hooks;
using Consultant.Grains.Messages;
using Consultant.Grains.Outbound.Pacing;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Consultant.Tests;

/// <summary>
/// A broadcast keeps the sender's pace, on the pacer's clock (a <see cref="FakeTimeProvider"/> here, moved by the test
/// one slot at a time): each send goes at its own slot, never earlier, and recipients are claimed a batch ahead of their
/// slots, so the sends go on while the next claim cannot finish (held by the test).
/// </summary>
public sealed class BroadcastPaceTests : PipelineFixture
{
    private const int Contacts = 40;
    private const int FirstClaim = 20; // BroadcastGrain's batch: the claims after it are held until these are sent
    private const int ClaimGate = 481_516_234; // an advisory lock's key
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50); // 20 a second
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider pacingClock = new(DateTimeOffset.UtcNow);

    protected override IReadOnlyDictionary<string, string> HostSettings { get; } = new Dictionary<string, string>
    {
        ["Broadcast:MessagesPerSecond"] = "20",
    };

    protected override void AddServices(IServiceCollection services)
    {
        services.AddKeyedSingleton<TimeProvider>(SenderPacingClock.Key, pacingClock);
        services.AddConversationHook<BroadcastSendTimes>();
    }

    [Test]
    public async Task Each_send_goes_at_its_own_slot_and_sends_go_on_while_the_next_claim_is_held()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var contacts = Enumerable.Range(0, Contacts).Select(_ => NewContactPhone()).ToList();
        foreach (var contact in contacts)
        {
            await SendAsync(tenant, contact, "hello");
        }

        await ListedAsync(tenant, contacts); // the audience is the conversation list

        // Every claim (the statement that marks recipients "sending") after the first waits for the test's lock.
        await Db.ExecuteAsync(ConnectionString, $"""
            CREATE SEQUENCE IF NOT EXISTS pace_test_claims;
            CREATE OR REPLACE FUNCTION held_broadcast_claims() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM claimed WHERE status = 'sending') THEN
                    IF nextval('pace_test_claims') > 1 THEN PERFORM pg_advisory_xact_lock_shared({ClaimGate}); END IF;
                END IF;
                RETURN NULL;
            END $$;
            DROP TRIGGER IF EXISTS held_broadcast_claims ON whatsapp_broadcast_recipients;
            CREATE TRIGGER held_broadcast_claims AFTER UPDATE ON whatsapp_broadcast_recipients
                REFERENCING NEW TABLE AS claimed FOR EACH STATEMENT EXECUTE FUNCTION held_broadcast_claims();
            """);
        var times = Sends(tenant);
        var start = pacingClock.GetUtcNow();
        try
        {
            await using var gate = new NpgsqlConnection(ConnectionString);
            await gate.OpenAsync();
            await RunAsync(gate, $"SELECT pg_advisory_lock({ClaimGate})");
            var id = await BroadcastTests.CreateAsync(tenant, new { name = "Pace", audience = new { group = "leads" }, messageText = "Open day on Saturday." });
            await BroadcastTests.PostAsync(tenant, $"/api/whatsapp/broadcasts/{id}/start", HttpStatusCode.OK);

            for (var sent = 1; sent <= Contacts; sent++)
            {
                // The clock stands still until this slot's send is made: no send can take a later slot's time.
                await Poll.UntilAsync(() => Task.FromResult(times.Count), n => n >= sent, Deadline, $"send {sent} at its slot");
                if (sent == FirstClaim)
                {
                    await Poll.UntilAsync(() => Db.ScalarAsync<long>(ConnectionString, $"""
                            SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = {ClaimGate} AND NOT granted
                               AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                            """), waiting => waiting > 0, Deadline, "the next claim held while the first batch was sent");
                    await RunAsync(gate, $"SELECT pg_advisory_unlock({ClaimGate})");
                }

                pacingClock.Advance(Interval);
            }

            await BroadcastTests.WaitForStatusAsync(tenant, id, "completed");
        }
        finally
        {
            await Db.ExecuteAsync(ConnectionString, "DROP TRIGGER IF EXISTS held_broadcast_claims ON whatsapp_broadcast_recipients");
        }

        Assert.That(contacts.Select(c => SentTo(c).Count(m => m.Body.StartsWith("Open day", StringComparison.Ordinal))), Is.All.EqualTo(1), "each exactly once");
        Assert.That(times.Select(at => at - start), Is.EqualTo(Enumerable.Range(0, Contacts).Select(slot => slot * Interval)),
            "one send a slot, 50 ms apart on the pacer's clock");
    }

    private IReadOnlyCollection<DateTimeOffset> Sends(WhatsAppTenant tenant) =>
        Host.Services.GetServices<IConversationHook>().OfType<BroadcastSendTimes>().Single().Of(tenant.Consultant.Id);

    private static async Task RunAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>When each broadcast message went out, on the pacer's clock.</summary>
    private sealed class BroadcastSendTimes([FromKeyedServices(SenderPacingClock.Key)] TimeProvider clock) : IConversationHook
    {
        private readonly ConcurrentDictionary<Guid, ConcurrentQueue<DateTimeOffset>> sends = new();

        public IReadOnlyCollection<DateTimeOffset> Of(Guid consultantId) => sends.GetOrAdd(consultantId, _ => new());

        public Task ReplySentAsync(SentReply reply, CancellationToken cancellationToken)
        {
            if (reply.Author == ReplyAuthor.Automated && reply.Messages.Any(m => m.Origin == MessageOrigin.Broadcast))
            {
                sends.GetOrAdd(reply.ConsultantId, _ => new()).Enqueue(clock.GetUtcNow());
            }

            return Task.CompletedTask;
        }
    }
}
