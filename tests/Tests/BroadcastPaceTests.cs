using System.Net;
using Consultant.TestSupport;

namespace Consultant.Tests;

/// <summary>
/// A broadcast keeps the configured pace when claiming recipients is slow (a busy database): recipients are claimed a
/// batch ahead of their slots, so the sends wait only on the sender's pacer.
/// </summary>
public sealed class BroadcastPaceTests : PipelineFixture
{
    private const int Contacts = 40;
    private const double PerSecond = 20;

    protected override IReadOnlyDictionary<string, string> HostSettings { get; } = new Dictionary<string, string>
    {
        ["Broadcast:MessagesPerSecond"] = "20",
    };

    [Test]
    public async Task Sends_keep_the_configured_pace_when_every_claim_takes_longer_than_several_slots()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var contacts = Enumerable.Range(0, Contacts).Select(_ => NewContactPhone()).ToList();
        foreach (var contact in contacts)
        {
            await SendAsync(tenant, contact, "hello");
        }

        // Every statement that claims recipients (marks them "sending") takes 250 ms: five slots at 20 a second.
        await Db.ExecuteAsync(ConnectionString, """
            CREATE OR REPLACE FUNCTION slow_broadcast_claims() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM claimed WHERE status = 'sending') THEN PERFORM pg_sleep(0.25); END IF;
                RETURN NULL;
            END $$;
            DROP TRIGGER IF EXISTS slow_broadcast_claims ON whatsapp_broadcast_recipients;
            CREATE TRIGGER slow_broadcast_claims AFTER UPDATE ON whatsapp_broadcast_recipients
                REFERENCING NEW TABLE AS claimed FOR EACH STATEMENT EXECUTE FUNCTION slow_broadcast_claims();
            """);
        try
        {
            var id = await BroadcastTests.CreateAsync(tenant, new { name = "Pace", audience = new { group = "leads" }, messageText = "Open day on Saturday." });
            await BroadcastTests.PostAsync(tenant, $"/api/whatsapp/broadcasts/{id}/start", HttpStatusCode.OK);
            await BroadcastTests.WaitForStatusAsync(tenant, id, "completed");
        }
        finally
        {
            await Db.ExecuteAsync(ConnectionString, "DROP TRIGGER IF EXISTS slow_broadcast_claims ON whatsapp_broadcast_recipients");
        }

        var sends = contacts.SelectMany(c => SentTo(c).Where(m => m.Body.StartsWith("Open day", StringComparison.Ordinal))).ToList();
        Assert.That(contacts.Select(c => SentTo(c).Count(m => m.Body.StartsWith("Open day", StringComparison.Ordinal))), Is.All.EqualTo(1), "each exactly once");
        var span = sends.Max(m => m.DateSent) - sends.Min(m => m.DateSent);
        var pace = (Contacts - 1) / span.TotalSeconds;
        // At one claim per slot the claims alone would allow at most 4 a second (0.2 of the pace); claimed ahead, up to the
        // pacer's 20. The lower bound is twice the serial one, not near 20: a busy CI machine must not decide this test.
        Assert.That(pace, Is.GreaterThan(PerSecond * 0.4).And.LessThan(PerSecond * 1.1), $"{Contacts} sends in {span.TotalSeconds:0.00} s");
    }
}
