using System.Collections.Concurrent;
using System.Net;
using Consultant.TestSupport;

namespace Consultant.Tests;

/// <summary>
/// With the messages table as the buffer, the conversation looks at the table for messages its state does not hold only
/// when it may have missed one: when it is activated, and after a receive of its own failed (perhaps once the message
/// was stored). Not before every batch: that read was one round trip a message (issue 20, bench/NOTES.md).
/// </summary>
public sealed class TableTakeBackTests : PipelineFixture
{
    private const string UnhandledOfTheConversation = "direction = 'inbound' AND handled_at IS NULL";

    [Test]
    public async Task A_batch_of_messages_the_conversation_received_itself_does_not_read_its_unhandled_messages_again()
    {
        using var tenant = await NewTenantAsync();
        var contact = NewContactPhone();
        await AddClientAsync(tenant, "Tina Takeback", contact, "Run a 10k");
        await SendAsync(tenant, contact, "first message");
        await WaitForRepliesAsync(contact, 1);
        await WaitUntilSettledAsync(tenant, contact);

        var commands = new ConcurrentQueue<string>();
        using (NpgsqlCommandLog.Listen(commands))
        {
            await SendAsync(tenant, contact, "second message");
            await WaitForRepliesAsync(contact, 2);
            await WaitUntilSettledAsync(tenant, contact);
        }

        var lookups = commands.Where(c => c.Contains(UnhandledOfTheConversation, StringComparison.Ordinal)
            && c.Contains("ORDER BY created_at", StringComparison.Ordinal)).ToList();
        Assert.That(lookups, Is.Empty, string.Join("\n---\n", lookups));
        Assert.That(Ai.Requests.Count(r => r.LastUserText == "second message"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_message_stored_by_a_receive_that_then_failed_is_answered_once_without_waiting_for_the_sweep()
    {
        using var tenant = await NewTenantAsync();
        var contact = NewContactPhone();
        await AddClientAsync(tenant, "Fabio Failed", contact, "Sleep better");
        // The receive fails after the message row is stored: recording its attachment raises.
        await Db.ScalarAsync<int>(ConnectionString,
            """
            CREATE OR REPLACE FUNCTION test_refuse_marked_media() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.original_url LIKE '%refuse-this-file%' THEN RAISE EXCEPTION 'refused by the test'; END IF;
              RETURN NEW;
            END $$;
            DROP TRIGGER IF EXISTS test_refuse_marked_media ON whatsapp_media_files;
            CREATE TRIGGER test_refuse_marked_media BEFORE INSERT ON whatsapp_media_files
              FOR EACH ROW EXECUTE FUNCTION test_refuse_marked_media();
            SELECT 1;
            """);

        var response = await TwilioWebhook.PostAsync(Host.CreateClient(), SiloHost.WebhookUrl, tenant.AuthToken,
            TwilioWebhook.InboundMediaForm(tenant.AccountSid, contact, tenant.Number, "stored, then the receive failed",
                ("https://api.twilio.com/media/refuse-this-file", "image/jpeg")));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "Twilio is asked to retry");
        Assert.That(await CountAsync("SELECT count(*) FROM messages WHERE contact_phone = @p AND direction = 'inbound'", ("p", contact)),
            Is.EqualTo(1), "the row was stored before the failure");
        // No retry comes (Twilio may give up) and no other message arrives: the conversation answers it by itself.
        await WaitForRepliesAsync(contact, 1);
        await WaitUntilSettledAsync(tenant, contact);
        Assert.That(Ai.Requests.Count(r => r.AllText.Contains("stored, then the receive failed", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(await CountAsync(
                "SELECT count(*) FROM messages WHERE contact_phone = @p AND direction = 'inbound' AND handled_at IS NULL", ("p", contact)),
            Is.Zero);
    }
}
