using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>
/// Messages the system sends on its own (<see cref="IConversationGrain.SendAutomatedAsync"/>), and the first user of
/// it: a booking the consultant makes, moves or cancels is told to the contact in the chat, in their language, as a
/// system message; when it cannot be (STOP, the 24-hour window, no conversation) the answer says why.
/// </summary>
public sealed class AutomatedMessageTests : PipelineFixture
{
    [Test]
    public async Task A_booking_made_moved_and_cancelled_by_the_consultant_is_told_to_the_contact_in_their_language_as_a_system_message()
    {
        using var tenant = await NewTenantAsync();
        await AddPoolKeyAsync("pool-key-told");
        var lead = NewContactPhone();
        await SendAsync(tenant, lead, "Ciao, vorrei prenotare una consulenza per la prossima settimana, grazie");
        await WaitForRepliesAsync(lead, 1);
        await WaitUntilSettledAsync(tenant, lead);
        var http = tenant.Consultant.Http;
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, lead);

        var booked = await http.PostAsJsonAsync("/api/bookings", new { conversationId, startsAt = "2030-12-03T10:00:00Z" });
        Assert.That(booked.StatusCode, Is.EqualTo(HttpStatusCode.Created), await booked.Content.ReadAsStringAsync());
        var booking = await booked.Content.ReadFromJsonAsync<JsonElement>();
        AssertTold(booking);
        Assert.That((await WaitForRepliesAsync(lead, 2))[^1].Body, Does.StartWith("La tua consulenza è prenotata"));
        var id = booking.GetProperty("id").GetGuid();
        var messageId = booking.GetProperty("contactMessage").GetProperty("messageId").GetGuid();
        Assert.That(await CountAsync(
            "SELECT count(*) FROM messages WHERE id = @id AND origin = 'system' AND sender = 'ai' AND direction = 'outbound' AND twilio_sid IS NOT NULL",
            ("id", messageId)), Is.EqualTo(1), "in the ledger as the system's, with Twilio's sid");

        var moved = await http.PostAsJsonAsync($"/api/bookings/{id}/reschedule", new { startsAt = "2030-12-04T09:00:00Z" });
        AssertTold(await moved.Content.ReadFromJsonAsync<JsonElement>());
        Assert.That((await WaitForRepliesAsync(lead, 3))[^1].Body, Does.StartWith("La tua consulenza è stata spostata"));

        var cancelled = await http.PostAsJsonAsync($"/api/bookings/{id}/cancel", new { reason = "Malattia" });
        AssertTold(await cancelled.Content.ReadFromJsonAsync<JsonElement>());
        Assert.That((await WaitForRepliesAsync(lead, 4))[^1].Body, Does.StartWith("La tua consulenza di"));
        Assert.That(await CountAsync(
            "SELECT count(*) FROM messages WHERE consultant_id = @c AND contact_phone = @p AND origin = 'system'",
            ("c", tenant.Consultant.Id), ("p", lead)), Is.EqualTo(3));
    }

    [Test]
    public async Task An_automated_message_is_not_the_consultants_answer_and_leaves_needs_reply_and_the_waiting_messages_alone()
    {
        using var tenant = await NewTenantAsync();
        await AddPoolKeyAsync("pool-key-not-answer");
        var contact = NewContactPhone();
        await SendAsync(tenant, contact, "hello there");
        await WaitForRepliesAsync(contact, 1);
        await WaitUntilSettledAsync(tenant, contact);
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, contact);
        var off = await tenant.Consultant.Http.PatchAsJsonAsync($"/api/whatsapp/conversations/{conversationId}/ai-toggle", new { aiEnabled = false });
        Assert.That(off.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await SendAsync(tenant, contact, "are you there?");
        var waiting = await Poll.UntilAsync(() => SummaryAsync(tenant, contact), s => s.NeedsReply, TimeSpan.FromSeconds(30), "needs reply");
        var messagesBefore = waiting.MessageCount;

        var result = await Conversation(tenant, contact).SendAutomatedAsync(new AutomatedMessage("Your plan is ready.", "followup"), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(AutomatedSendOutcome.Sent), result.Problem);
        Assert.That((await WaitForRepliesAsync(contact, 2))[^1].Body, Is.EqualTo("Your plan is ready."));
        var after = await SummaryAsync(tenant, contact);
        Assert.Multiple(() =>
        {
            Assert.That(after.NeedsReply, Is.True, "still the consultant's to answer");
            Assert.That(after.MessageCount, Is.EqualTo(messagesBefore + 1));
            Assert.That(after.UnreadByConsultant, Is.GreaterThan(0), "not read by the consultant");
            Assert.That(after.AiEnabled, Is.False);
        });
        Assert.That(await CountAsync(
            "SELECT count(*) FROM messages WHERE id = @id AND origin = 'followup'", ("id", result.Message!.Id)), Is.EqualTo(1));
    }

    [Test]
    public async Task Nothing_automated_goes_to_a_contact_who_wrote_stop_and_the_booking_answer_says_why()
    {
        using var tenant = await NewTenantAsync();
        await AddPoolKeyAsync("pool-key-stop");
        var contact = NewContactPhone();
        await SendAsync(tenant, contact, "hello, I'd like a consultation");
        await WaitForRepliesAsync(contact, 1);
        await WaitUntilSettledAsync(tenant, contact);
        await SendAsync(tenant, contact, "STOP");
        await WaitForRepliesAsync(contact, 2); // the one confirmation of the opt-out
        await WaitUntilSettledAsync(tenant, contact);

        var booked = await tenant.Consultant.Http.PostAsJsonAsync("/api/bookings",
            new { conversationId = ConversationKey.IdFor(tenant.Consultant.Id, contact), startsAt = "2030-12-05T10:00:00Z" });
        Assert.That(booked.StatusCode, Is.EqualTo(HttpStatusCode.Created), "the booking stands");
        var notice = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("contactMessage");
        Assert.That(notice.GetProperty("sent").GetBoolean(), Is.False);
        Assert.That(notice.GetProperty("problem").GetString(), Does.Contain("opted out (STOP)"));
        var direct = await Conversation(tenant, contact).SendAutomatedAsync(new AutomatedMessage("News!", "broadcast"), CancellationToken.None);
        Assert.That(direct.Outcome, Is.EqualTo(AutomatedSendOutcome.OptedOut));
        Assert.That(SentTo(contact), Has.Count.EqualTo(2), "nothing more went out");
    }

    [Test]
    public async Task Outside_the_24_hour_window_only_a_template_goes_out_and_a_booking_says_why_not()
    {
        using var tenant = await NewTenantAsync();
        var contact = NewContactPhone();
        await new LeadFunnelData(Host, tenant.Consultant.Id).NewLeadAsync(contact, DateTimeOffset.UtcNow.AddDays(-3));

        var booked = await tenant.Consultant.Http.PostAsJsonAsync("/api/bookings",
            new { conversationId = ConversationKey.IdFor(tenant.Consultant.Id, contact), startsAt = "2030-12-06T10:00:00Z" });
        Assert.That(booked.StatusCode, Is.EqualTo(HttpStatusCode.Created), await booked.Content.ReadAsStringAsync());
        var notice = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("contactMessage");
        Assert.That(notice.GetProperty("sent").GetBoolean(), Is.False);
        Assert.That(notice.GetProperty("problem").GetString(), Does.Contain("outside the 24-hour window"));
        Assert.That(SentTo(contact), Is.Empty);

        var template = new OutboundTemplate("HX" + Guid.NewGuid().ToString("N"), """{"1":"Ana"}""");
        var withTemplate = await Conversation(tenant, contact).SendAutomatedAsync(
            new AutomatedMessage("Hi Ana, your consultation is booked.", "system", template), CancellationToken.None);
        Assert.That(withTemplate.Outcome, Is.EqualTo(AutomatedSendOutcome.Sent), withTemplate.Problem);
        Assert.That((await WaitForRepliesAsync(contact, 1))[0].ContentSid, Is.EqualTo(template.ContentSid));
    }

    [Test]
    public async Task A_client_who_never_wrote_is_booked_and_the_answer_says_there_is_no_conversation_to_tell()
    {
        using var tenant = await NewTenantAsync();
        var clientId = await AddClientAsync(tenant, "Nora Nowrite", NewContactPhone(), "Stay fit");

        var booked = await tenant.Consultant.Http.PostAsJsonAsync("/api/bookings", new { clientId, startsAt = "2030-12-10T10:00:00Z" });

        Assert.That(booked.StatusCode, Is.EqualTo(HttpStatusCode.Created), await booked.Content.ReadAsStringAsync());
        var notice = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("contactMessage");
        Assert.That(notice.GetProperty("sent").GetBoolean(), Is.False);
        Assert.That(notice.GetProperty("problem").GetString(), Does.Contain("no WhatsApp conversation"));
    }

    [Test]
    public async Task A_client_added_after_they_wrote_is_booked_by_client_and_told_in_their_existing_chat()
    {
        using var tenant = await NewTenantAsync();
        await AddPoolKeyAsync("pool-key-added-later");
        var contact = NewContactPhone();
        await SendAsync(tenant, contact, "Hello, I would like a consultation next week please");
        await WaitForRepliesAsync(contact, 1);
        await WaitUntilSettledAsync(tenant, contact);
        // Added on the Clients page, not from the chat: the conversation is not linked to the client until they write again.
        var clientId = await AddClientAsync(tenant, "James Later", contact, "Retirement");

        var booked = await tenant.Consultant.Http.PostAsJsonAsync("/api/bookings", new { clientId, startsAt = "2030-12-11T10:00:00Z" });

        Assert.That(booked.StatusCode, Is.EqualTo(HttpStatusCode.Created), await booked.Content.ReadAsStringAsync());
        var booking = await booked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(booking.GetProperty("contactAddress").GetString(), Is.EqualTo(contact));
        AssertTold(booking);
        Assert.That(await WaitForRepliesAsync(contact, 2), Has.Count.EqualTo(2), "the reply, then the booking notice");
    }

    private IConversationGrain Conversation(WhatsAppTenant tenant, string contact) =>
        Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IConversationGrain>(ConversationKey.Format(tenant.Consultant.Id, contact));

    private static void AssertTold(JsonElement change)
    {
        var notice = change.GetProperty("contactMessage");
        Assert.That(notice.GetProperty("sent").GetBoolean(), Is.True, notice.ToString());
        Assert.That(notice.GetProperty("problem").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }
}
