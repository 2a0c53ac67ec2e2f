using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Booking.Chat;
using Consultant.TestSupport;

namespace Consultant.Tests;

/// <summary>
/// A booking the AI's tool made is confirmed to the contact once, by the system, whatever happens to the AI's reply:
/// the consultant takes over before it is sent, or the silo stops before it is recorded. And a notice the system sends
/// on its own neither marks the conversation unread nor asks the consultant for a reply.
/// </summary>
public sealed partial class BookingChatNoticeTests : PipelineFixture
{
    private const string Confirmed = "Your consultation is booked for";

    [Test]
    public async Task A_booking_the_ai_made_is_confirmed_once_when_the_consultant_takes_over_before_the_reply_is_sent()
    {
        using var tenant = await NewTenantAsync();
        var contact = NewContactPhone();
        await AddClientAsync(tenant, "Tess Takeover", contact, "Strength");
        await OfferSlotsAsync(tenant, contact, "when are you free for a call?");
        var words = Ai.CallToolThenHoldWhen(r => r.LastUserText == "the second one please", BookingToolNames.BookSlot,
            r => new { slot_id = OfferedIds(r.SystemPrompt)[1] });

        await SendAsync(tenant, contact, "the second one please");
        await BookedAsync("the second one please"); // the tool booked; the AI is still writing its words
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, contact);
        var byHand = await tenant.Consultant.Http.PostAsJsonAsync(
            $"/api/whatsapp/conversations/{conversationId}/send", new { messageText = "I'll take it from here." });
        Assert.That(byHand.StatusCode, Is.EqualTo(HttpStatusCode.OK), await byHand.Content.ReadAsStringAsync());
        words.SetResult("Booked, see you then!");
        var settled = await WaitUntilSettledAsync(tenant, contact, _ => SentTo(contact).Any(m => m.Body.StartsWith(Confirmed, StringComparison.Ordinal)));

        var bodies = SentTo(contact).Select(m => m.Body).ToList();
        Assert.That(bodies.Count(b => b.StartsWith(Confirmed, StringComparison.Ordinal)), Is.EqualTo(1), string.Join(" | ", bodies));
        Assert.That(bodies, Does.Contain("I'll take it from here.").And.Not.Contain("Booked, see you then!"), "the AI's words are cancelled");
        Assert.That(await CountAsync(
            "SELECT count(*) FROM messages WHERE consultant_id = @c AND contact_phone = @p AND origin = 'system' AND twilio_sid IS NOT NULL",
            ("c", tenant.Consultant.Id), ("p", contact)), Is.EqualTo(1), "one confirmation in the ledger, sent");
        Assert.That(await CountAsync(
            "SELECT count(*) FROM booking_chat_notices WHERE consultant_id = @c AND contact_address = @p AND sent_at IS NOT NULL AND message_id IS NOT NULL",
            ("c", tenant.Consultant.Id), ("p", contact)), Is.EqualTo(1));
        Assert.That((settled.UnreadByConsultant, settled.NeedsReply), Is.EqualTo((0, false)), "the notice does not make the chat unread or owed a reply");
    }

    [Test]
    public async Task A_booking_the_ai_made_just_before_the_silo_was_killed_is_confirmed_once_by_the_resumed_batch()
    {
        // A silo in its own process, killed (SIGKILL) after the book tool ran and before the AI's words came back: the
        // reply was never recorded. A new silo resumes the batch in flight (woken as the recovery sweep does).
        var database = await TestPostgres.CreateDatabaseAsync();
        var settings = new Dictionary<string, string>
        {
            ["Twilio:ApiBaseUrl"] = Twilio.BaseUrl.ToString(),
            ["Ai:Endpoint"] = Ai.Endpoint.ToString(),
            ["WhatsApp:PublicBaseUrl"] = SiloHost.PublicBaseUrl,
            ["WhatsApp:DebounceSeconds"] = DebounceSeconds,
            ["WhatsApp:PollIntervalSeconds"] = "3600",
            ["Storage:Root"] = Path.Combine(Path.GetTempPath(), "consultant-tests", Guid.NewGuid().ToString("N")),
        };
        var contact = NewContactPhone();
        var words = Ai.CallToolThenHoldWhen(r => r.LastUserText == "book the second", BookingToolNames.BookSlot,
            r => new { slot_id = OfferedIds(r.SystemPrompt)[1] });
        Ai.When(r => r.LastUserText == "book the second" && !r.AfterToolCall, "All set."); // the resumed batch asks again
        WhatsAppTenant tenant;
        await using (var crashing = await SiloCluster.StartAsync(database, silos: 1, settings, clusterId: "booking-kill-1"))
        {
            var silo = crashing.Silos[0];
            tenant = await ConfigureWhatsAppAsync(Twilio, await ApiConsultant.RegisterAsync(() => SiloCluster.HttpClientFor(silo)));
            await AddClientAsync(tenant, "Cora Crash", contact, "Endurance");
            using var webhooks = SiloCluster.HttpClientFor(silo);
            Ai.CallToolWhen(r => r.LastUserText == "any time next week?", BookingToolNames.FindFreeSlots,
                _ => new { from = Day(1), to = Day(8) }, "Here are three times.");
            await PostAsync(webhooks, tenant, contact, "any time next week?");
            await Poll.UntilAsync(() => Task.FromResult(SentTo(contact).Count), n => n == 1, TimeSpan.FromSeconds(60), "the offer");
            await Poll.UntilAsync(() => ConversationSnapshot.ReadAsync(database, tenant.Consultant.Id, contact), s => s.Settled,
                TimeSpan.FromSeconds(30), "the offer's batch to settle");

            await PostAsync(webhooks, tenant, contact, "book the second");
            await BookedAsync("book the second");
            Assert.That(await Db.ScalarAsync<long>(database,
                "SELECT count(*) FROM booking_chat_notices WHERE contact_address = @p AND sent_at IS NULL", ("p", contact)), Is.EqualTo(1),
                "the confirmation is owed, recorded with the booking");
            await silo.KillAsync();
        }

        words.SetResult("far too late"); // nobody is waiting for it any more
        Assert.That(await Db.ScalarAsync<long>(database,
            "SELECT count(*) FROM messages WHERE contact_phone = @p AND direction = 'outbound'", ("p", contact)), Is.EqualTo(1),
            "only the offer was recorded before the kill");
        await using var restarted = await SiloCluster.StartAsync(database, silos: 1, settings, clusterId: "booking-kill-2");
        await using (var orleans = await restarted.ConnectClientAsync())
        {
            await orleans.Client.GetGrain<IConversationGrain>(ConversationKey.Format(tenant.Consultant.Id, contact)).WakeAsync();
        }

        await Poll.UntilAsync(() => ConversationSnapshot.ReadAsync(database, tenant.Consultant.Id, contact),
            s => s.Settled && SentTo(contact).Any(m => m.Body.StartsWith(Confirmed, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(90), "the resumed batch to confirm the booking and settle");
        var bodies = SentTo(contact).Select(m => m.Body).ToList();
        Assert.That(bodies.Count(b => b.StartsWith(Confirmed, StringComparison.Ordinal)), Is.EqualTo(1), string.Join(" | ", bodies));
        Assert.That(bodies, Does.Contain("All set.").And.Not.Contain("far too late"));
        Assert.That(await Db.ScalarAsync<long>(database,
            "SELECT count(*) FROM consultations WHERE contact_address = @p AND status = 'scheduled'", ("p", contact)), Is.EqualTo(1), "booked once");
        Assert.That(await Db.ScalarAsync<long>(database,
            "SELECT count(*) FROM booking_chat_notices WHERE contact_address = @p AND sent_at IS NOT NULL", ("p", contact)), Is.EqualTo(1));
        tenant.Dispose();
    }

    [Test]
    public async Task A_booking_notice_leaves_a_read_conversation_read_and_asks_for_no_reply()
    {
        using var tenant = await NewTenantAsync();
        var contact = NewContactPhone();
        await AddClientAsync(tenant, "Rita Read", contact, "Mobility");
        await SendAsync(tenant, contact, "thanks for today");
        await WaitForRepliesAsync(contact, 1);
        await WaitUntilSettledAsync(tenant, contact);
        var http = tenant.Consultant.Http;
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, contact);
        Assert.That((await http.PatchAsync($"/api/whatsapp/conversations/{conversationId}/mark-read", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var read = await SummaryAsync(tenant, contact);
        Assert.That((read.UnreadByConsultant, read.NeedsReply), Is.EqualTo((0, false)));

        var booked = await http.PostAsJsonAsync("/api/bookings", new { conversationId, startsAt = "2030-12-03T10:00:00Z" });
        Assert.That(booked.StatusCode, Is.EqualTo(HttpStatusCode.Created), await booked.Content.ReadAsStringAsync());
        await WaitForRepliesAsync(contact, 2);

        var after = await Poll.UntilAsync(() => SummaryAsync(tenant, contact), s => s.MessageCount == read.MessageCount + 1,
            TimeSpan.FromSeconds(30), "the notice counted");
        Assert.Multiple(() =>
        {
            Assert.That(after.UnreadByConsultant, Is.Zero, "the system's own message is not unread");
            Assert.That(after.NeedsReply, Is.False, "nor owed a reply");
            Assert.That(after.LastMessageAt, Is.GreaterThan(read.LastMessageAt!.Value), "the list shows it as the last message");
        });
    }

    private static async Task PostAsync(HttpClient silo, WhatsAppTenant tenant, string from, string body)
    {
        using var response = await TwilioWebhook.PostAsync(silo, SiloHost.WebhookUrl, tenant.AuthToken,
            TwilioWebhook.InboundForm(tenant.AccountSid, from, tenant.Number, body));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    /// <summary>The AI offers three held slots to the contact (find_free_slots), and the reply settles.</summary>
    private async Task OfferSlotsAsync(WhatsAppTenant tenant, string contact, string ask)
    {
        Ai.CallToolWhen(r => r.LastUserText == ask, BookingToolNames.FindFreeSlots, _ => new { from = Day(1), to = Day(8) }, "Here are three times.");
        await SendAsync(tenant, contact, ask);
        await WaitUntilSettledAsync(tenant, contact, s => SentTo(contact).Count >= 1);
    }

    /// <summary>The book tool has run: the model was sent its result.</summary>
    private Task BookedAsync(string text) =>
        Poll.UntilAsync(() => Task.FromResult(Ai.Requests.Count(r => r.LastUserText == text && r.AfterToolCall)), n => n == 1,
            TimeSpan.FromSeconds(60), "the book tool's result to reach the AI");

    private static List<string> OfferedIds(string systemPrompt) => SlotIdPattern().Matches(systemPrompt).Select(m => m.Groups[1].Value).ToList();

    private static string Day(int daysAhead) => DateTime.UtcNow.Date.AddDays(daysAhead).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex("slot_id ([0-9a-f-]{36})")]
    private static partial Regex SlotIdPattern();
}
