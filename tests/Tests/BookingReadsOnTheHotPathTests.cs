using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>
/// A message and its AI reply that book nothing pay one booking round trip: the prompt's offers and the contact's
/// consultations read together, and no look at the confirmations owed (the conversation read them once when it was
/// activated, and nothing was recorded since). What is owed when a conversation is activated is still sent.
/// Statements are counted from Npgsql's own tracing (its <c>Npgsql</c> activity source, one activity a command).
/// </summary>
public sealed class BookingReadsOnTheHotPathTests : PipelineFixture
{
    private const string Confirmed = "Your consultation is booked for";

    [Test]
    public async Task A_message_and_its_reply_that_book_nothing_read_the_booking_tables_in_one_round_trip_and_the_prompt_still_lists_the_bookings()
    {
        using var tenant = await NewTenantAsync();
        var contact = NewContactPhone();
        await AddClientAsync(tenant, "Hugo Hotpath", contact, "Strength");
        await SendAsync(tenant, contact, "hello there");
        await WaitForRepliesAsync(contact, 1);
        await WaitUntilSettledAsync(tenant, contact);
        var bookingId = await BookByHandAsync(tenant, contact);
        await WaitForRepliesAsync(contact, 2); // the consultant's booking is confirmed at once, by its own path

        var commands = new ConcurrentQueue<string>();
        using (NpgsqlCommandLog.Listen(commands))
        {
            await SendAsync(tenant, contact, "just a question");
            await WaitForRepliesAsync(contact, 3);
            await WaitUntilSettledAsync(tenant, contact);
        }

        var prompt = Ai.Requests.Single(r => r.LastUserText == "just a question").SystemPrompt;
        Assert.That(prompt, Does.Contain($"booking_id {bookingId}:"), "the contact's consultation is in the prompt");
        Assert.That(prompt, Does.Not.Contain("Slots last offered"), "nothing was offered");
        // (A client's prompt also lists their consultations among their records: that read is the client's, not the booking tools'.)
        var booking = commands.Where(c => c.Contains("booking_chat_", StringComparison.Ordinal) || c.Contains("c.status = 'scheduled'", StringComparison.Ordinal)).ToList();
        Assert.That(booking, Has.Count.EqualTo(1), string.Join("\n---\n", booking));
        Assert.That(booking[0], Does.Contain("FROM booking_chat_offers").And.Contain("FROM consultations c"), "offers and consultations, one command");
        Assert.That(commands.Count(c => c.Contains("coalesce(k.name, c.display_name, c.contact_phone) AS Name", StringComparison.Ordinal)), Is.Zero,
            "no separate look-up of the contact for their bookings");
    }

    [Test]
    public async Task A_confirmation_owed_when_the_conversation_is_activated_is_sent_after_its_next_reply()
    {
        using var tenant = await NewTenantAsync();
        var contact = NewContactPhone();
        await AddClientAsync(tenant, "Olga Owed", contact, "Mobility");
        await SendAsync(tenant, contact, "good morning");
        await WaitForRepliesAsync(contact, 1);
        await WaitUntilSettledAsync(tenant, contact);
        var bookingId = await BookByHandAsync(tenant, contact);
        await WaitForRepliesAsync(contact, 2);

        // As a silo that stopped after recording a booking tool's change leaves it: owed, in the table only.
        await Db.ScalarAsync<int>(ConnectionString,
            """
            INSERT INTO booking_chat_notices (consultant_id, booking_id, sequence, kind, contact_address, batch_id, starts_at, duration_minutes, created_at)
            VALUES (@c, @b, 99, 'Booked', @p, gen_random_uuid(), '2030-12-03T10:00:00Z', 60, now()) RETURNING 1
            """,
            ("c", tenant.Consultant.Id), ("b", bookingId), ("p", contact));
        await Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        await SendAsync(tenant, contact, "see you soon");
        var sent = await WaitForRepliesAsync(contact, 4);
        await WaitUntilSettledAsync(tenant, contact);

        var bodies = sent.Select(m => m.Body).ToList();
        Assert.That(bodies.Count(b => b.StartsWith(Confirmed, StringComparison.Ordinal)), Is.EqualTo(2), string.Join(" | ", bodies));
        Assert.That(bodies[^1], Does.StartWith(Confirmed), "the owed confirmation, after the reply");
        Assert.That(await CountAsync(
            "SELECT count(*) FROM booking_chat_notices WHERE consultant_id = @c AND contact_address = @p AND sent_at IS NOT NULL AND message_id IS NOT NULL",
            ("c", tenant.Consultant.Id), ("p", contact)), Is.EqualTo(1), "sent once, marked sent");
    }

    /// <summary>The consultant books a consultation for the contact on the dashboard's path.</summary>
    private static async Task<Guid> BookByHandAsync(WhatsAppTenant tenant, string contact)
    {
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, contact);
        var created = await tenant.Consultant.Http.PostAsJsonAsync("/api/bookings", new { conversationId, startsAt = "2030-12-03T10:00:00Z" });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
