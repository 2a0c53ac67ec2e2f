using System.Net;
using Consultant.TestSupport;

namespace Consultant.Tests;

/// <summary>
/// Broadcasts across a restart, each test on a database of its own: a silo stopped mid-way resumes where it stopped
/// with no contact twice, and a scheduled broadcast whose time passed while nothing ran starts at once and says so.
/// </summary>
public sealed class BroadcastRestartTests : PipelineFixture
{
    private static readonly Dictionary<string, string> Slow = new() { ["Broadcast:MessagesPerSecond"] = "2", ["WhatsApp:DebounceSeconds"] = "1" };

    [Test]
    public async Task A_silo_stopped_mid_way_resumes_where_it_stopped_and_sends_no_contact_twice()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        var contacts = Enumerable.Range(0, 6).Select(_ => NewContactPhone()).ToList();
        Guid id;
        WhatsAppTenant tenant;
        await using (var first = NewHost(database, "restart-1"))
        {
            first.StartServer();
            tenant = await NewTenantAsync(autoResponse: false, host: first);
            foreach (var contact in contacts)
            {
                await SendAsync(tenant, contact, "hello", host: first);
            }

            await ListedAsync(tenant, contacts, database); // the audience is the conversation list
            id = await BroadcastTests.CreateAsync(tenant, new { name = "Launch", audience = new { group = "all" }, messageText = "New programme!" });
            await BroadcastTests.PostAsync(tenant, $"/api/whatsapp/broadcasts/{id}/start", HttpStatusCode.OK);
            await Poll.UntilAsync(() => Task.FromResult(Sent(contacts)), n => n >= 2, TimeSpan.FromSeconds(30), "two sends");
        }

        var beforeRestart = Sent(contacts);
        Assert.That(beforeRestart, Is.LessThan(contacts.Count), "stopped mid-way");
        await using var second = NewHost(database, "restart-2");
        second.StartServer(); // its start-up sweep wakes the running broadcast
        await Poll.UntilAsync(() => Db.ScalarAsync<string>(database, $"SELECT status FROM whatsapp_broadcasts WHERE id = '{id}'"),
            status => status == "completed", TimeSpan.FromSeconds(60), "the broadcast to complete");

        Assert.That(contacts.Select(c => SentTo(c).Count(m => m.Body.StartsWith("New programme!", StringComparison.Ordinal))), Is.All.EqualTo(1),
            "every contact exactly once");
        tenant.Dispose();
    }

    [Test]
    public async Task A_scheduled_broadcast_whose_time_passed_while_stopped_starts_at_the_restart_and_says_so()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        var contact = NewContactPhone();
        Guid id;
        WhatsAppTenant tenant;
        await using (var first = NewHost(database, "schedule-1"))
        {
            first.StartServer();
            tenant = await NewTenantAsync(autoResponse: false, host: first);
            await SendAsync(tenant, contact, "hello", host: first);
            await ListedAsync(tenant, [contact], database);
            id = await BroadcastTests.CreateAsync(tenant, new
            {
                name = "Tomorrow", audience = new { group = "all" }, messageText = "Webinar starts now.", scheduledAt = DateTimeOffset.UtcNow.AddHours(1),
            });
            await BroadcastTests.PostAsync(tenant, $"/api/whatsapp/broadcasts/{id}/schedule", HttpStatusCode.OK);
        }

        // The hour passed while nothing ran.
        await Db.ExecuteAsync(database, $"UPDATE whatsapp_broadcasts SET scheduled_at = now() - interval '10 minutes' WHERE id = '{id}'");
        await using var second = NewHost(database, "schedule-2");
        second.StartServer();

        await Poll.UntilAsync(() => Db.ScalarAsync<string>(database, $"SELECT status FROM whatsapp_broadcasts WHERE id = '{id}'"),
            status => status == "completed", TimeSpan.FromSeconds(60), "the broadcast to complete");
        Assert.That(await Db.ScalarAsync<string>(database, $"SELECT status_reason FROM whatsapp_broadcasts WHERE id = '{id}'"), Does.StartWith("Started late"));
        Assert.That(SentTo(contact).Count(m => m.Body.StartsWith("Webinar starts now.", StringComparison.Ordinal)), Is.EqualTo(1));
        tenant.Dispose();
    }

    private int Sent(IEnumerable<string> contacts) => contacts.Sum(c => SentTo(c).Count(m => m.Body.StartsWith("New programme!", StringComparison.Ordinal)));

    private SiloHost NewHost(string database, string clusterId) =>
        new(database, Twilio.BaseUrl, clusterId, settings: new Dictionary<string, string>(Slow) { ["Ai:Endpoint"] = Ai.Endpoint.ToString() });
}
