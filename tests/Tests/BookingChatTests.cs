using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Consultant.Grains.Analytics;
using Consultant.Grains.Booking;
using Consultant.Grains.Booking.Chat;
using Consultant.Grains.Calendar;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>
/// The AI books in the chat through the booking tools, end to end: the real host and PostgreSQL, the fake AI calling
/// the tools in the OpenAI wire format, the fake Twilio and the fake Google Calendar. The consultant works in London,
/// the contacts write from Italian numbers (Rome), so every time shows both clocks.
/// </summary>
public sealed partial class BookingChatTests : PipelineFixture
{
    private FakeGoogle google = null!;

    protected override async Task BeforeHostAsync() => google = await FakeGoogle.StartAsync();

    protected override IReadOnlyDictionary<string, string> HostSettings => google.Settings;

    /// <summary>The contacts are leads: the shared key pool answers them.</summary>
    [OneTimeSetUp]
    public Task AddLeadKeyAsync() => AddPoolKeyAsync("pool-key-booking-chat");

    [OneTimeTearDown]
    public async Task StopGoogleAsync() => await google.DisposeAsync();

    [Test]
    public async Task A_lead_who_writes_vorrei_prenotare_gets_three_real_slots_books_the_second_and_only_the_system_confirms_it_in_Italian()
    {
        using var tenant = await LondonTenantAsync();
        await ConnectGoogleAsync(tenant);
        var lead = ItalianPhone();
        Ai.CallToolWhen(r => r.LastUserText == "vorrei prenotare", BookingToolNames.FindFreeSlots,
            _ => new { from = Day(1), to = Day(8) }, "Ecco tre orari liberi: quale preferisci?");
        Ai.CallToolWhen(r => r.LastUserText == "il secondo va bene", BookingToolNames.BookSlot,
            r => new { slot_id = OfferedIds(r.SystemPrompt)[1] }, "Perfetto, è prenotata!");

        await SendAsync(tenant, lead, "vorrei prenotare");
        await WaitUntilSettledAsync(tenant, lead);

        var search = Ai.Requests.Single(r => r.LastUserText == "vorrei prenotare" && r.AfterToolCall);
        Assert.That(search.ToolNames, Is.SupersetOf(new[] { "find_free_slots", "book_slot", "list_my_bookings", "cancel_booking", "reschedule_booking" }));
        Assert.That(search.Body.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("parameters").GetProperty("properties").EnumerateObject().Count()),
            Has.All.GreaterThan(0), "no empty properties object, which Gemini refuses");
        var offered = search.ToolResults.Single();
        var offeredTimes = Regex.Matches(offered, @"slot_id [0-9a-f-]{36}: .+").Select(m => m.Value).ToList();
        Assert.That(offeredTimes, Has.Count.EqualTo(3), offered);
        Assert.That(offeredTimes, Has.All.Match(@"\d\d:\d\d Rome / \d\d:\d\d London"), "the contact's time, the consultant's beside it");
        Assert.That(await CountAsync(
            "SELECT count(*) FROM consultations WHERE consultant_id = @c AND contact_address = @p AND status = 'held' AND hold_expires_at > now()",
            ("c", tenant.Consultant.Id), ("p", lead)), Is.EqualTo(3), "the three slots are held for the contact");
        var second = await OfferedStartAsync(tenant, lead, 1);

        await SendAsync(tenant, lead, "il secondo va bene");
        await WaitUntilSettledAsync(tenant, lead, s => SentTo(lead).Count >= 3);

        var consultations = await CountAsync(
            "SELECT count(*) FROM consultations WHERE consultant_id = @c AND contact_address = @p AND status = 'scheduled' AND scheduled_at = @s",
            ("c", tenant.Consultant.Id), ("p", lead), ("s", second));
        Assert.That(consultations, Is.EqualTo(1), "the second offered slot is booked, once");
        Assert.That(await CountAsync("SELECT count(*) FROM consultations WHERE consultant_id = @c AND status <> 'held'", ("c", tenant.Consultant.Id)),
            Is.EqualTo(1));
        var meet = await Db.ScalarAsync<string>(ConnectionString,
            "SELECT meeting_link FROM consultations WHERE consultant_id = @c AND status = 'scheduled'", ("c", tenant.Consultant.Id));
        Assert.That(meet, Does.StartWith("https://meet.google.com/"));
        Assert.That(google.Events.Values.Count(e => e["hangoutLink"]?.GetValue<string>() == meet), Is.EqualTo(1), "one Google event with the Meet link");

        var confirmation = await Db.ScalarAsync<string>(ConnectionString,
            "SELECT body FROM messages WHERE consultant_id = @c AND contact_phone = @p AND origin = 'system'", ("c", tenant.Consultant.Id), ("p", lead));
        Assert.That(await CountAsync("SELECT count(*) FROM messages WHERE consultant_id = @c AND contact_phone = @p AND origin = 'system'",
            ("c", tenant.Consultant.Id), ("p", lead)), Is.EqualTo(1), "one confirmation, by the system");
        Assert.That(confirmation, Does.StartWith("La tua consulenza è prenotata per").And.Contain(meet!).And.Contain("Rome / ").And.Contain("London"));
        Assert.That(confirmation, Does.Contain("Aggiungila al tuo calendario: " + SiloHost.PublicBaseUrl).And.Contain(".ics"));
        Assert.That(SentTo(lead).Select(m => m.Body), Is.EqualTo(new[] { "Ecco tre orari liberi: quale preferisci?", "Perfetto, è prenotata!", confirmation }),
            "the AI's words, then the system's confirmation as its own message");

        var stages = await Host.Services.GetRequiredService<LeadStageEvents>().ListAsync(tenant.Consultant.Id, lead);
        Assert.That(stages.Select(e => $"{e.Stage}:{e.Source}"), Does.Contain("booked:booking"), "the lead moved to booked in the funnel");
        Assert.That(await CountAsync(
            "SELECT count(*) FROM ai_key_rotation_log WHERE consultant_id = @c AND contact_phone = @p AND outcome = 'ok' AND input_tokens IS NOT NULL",
            ("c", tenant.Consultant.Id), ("p", lead)), Is.EqualTo(4), "every round (tool call, then words) is an AI call in the ledger");
    }

    [Test]
    public async Task A_slot_id_not_offered_to_this_contact_is_refused_and_nothing_is_booked()
    {
        using var tenant = await LondonTenantAsync();
        var (offeredTo, other) = (ItalianPhone(), ItalianPhone());
        Ai.CallToolWhen(r => r.LastUserText == "quando sei libera?", BookingToolNames.FindFreeSlots,
            _ => new { from = Day(1), to = Day(8) }, "Ecco gli orari.");
        await SendAsync(tenant, offeredTo, "quando sei libera?");
        await WaitUntilSettledAsync(tenant, offeredTo);
        var someoneElses = await Db.ScalarAsync<Guid>(ConnectionString,
            "SELECT id FROM booking_chat_offers WHERE consultant_id = @c AND contact_address = @p LIMIT 1", ("c", tenant.Consultant.Id), ("p", offeredTo));
        Ai.CallToolWhen(r => r.LastUserText == "prenota quello", BookingToolNames.BookSlot, _ => new { slot_id = someoneElses }, "Non posso.");
        Ai.CallToolWhen(r => r.LastUserText == "prenota domani alle 10", BookingToolNames.BookSlot, _ => new { slot_id = "2026-12-01T10:00" }, "Non posso.");

        await SendAsync(tenant, other, "prenota quello");
        await WaitUntilSettledAsync(tenant, other);
        await SendAsync(tenant, other, "prenota domani alle 10");
        await WaitUntilSettledAsync(tenant, other, s => SentTo(other).Count >= 2);

        var refusal = Ai.Requests.Single(r => r.LastUserText == "prenota quello" && r.AfterToolCall).ToolResults.Single();
        Assert.That(refusal, Does.Contain("was not offered to this contact"));
        var malformed = Ai.Requests.Single(r => r.LastUserText == "prenota domani alle 10" && r.AfterToolCall).ToolResults.Single();
        Assert.That(malformed, Does.Contain("'slot_id' must be an id exactly as a tool gave it"), "a free-form time is not a slot");
        Assert.That(await CountAsync("SELECT count(*) FROM consultations WHERE consultant_id = @c AND status = 'scheduled'", ("c", tenant.Consultant.Id)),
            Is.EqualTo(0));
        Assert.That(await SystemMessagesAsync(tenant, other), Is.EqualTo(0), "no confirmation");
    }

    [Test]
    public async Task A_contact_cannot_cancel_another_contacts_booking_but_can_cancel_their_own()
    {
        using var tenant = await LondonTenantAsync();
        var (owner, other) = (ItalianPhone(), ItalianPhone());
        await SendAsync(tenant, owner, "ciao");
        await WaitUntilSettledAsync(tenant, owner);
        var bookings = Host.Services.GetRequiredService<BookingService>();
        var slot = (await bookings.FindSlotsAsync(tenant.Consultant.Id, AnalyticsPeriod.Of(DateOnly.Parse(Day(1)), DateOnly.Parse(Day(8))).Value!))[0];
        var booking = (await bookings.BookForContactAsync(tenant.Consultant.Id, owner, slot.StartsAt)).Value!;
        Ai.CallToolWhen(r => r.LastUserText == "cancella la consulenza", BookingToolNames.CancelBooking,
            _ => new { booking_id = booking.Id.ToString() }, "Ok.");

        await SendAsync(tenant, other, "cancella la consulenza");
        await WaitUntilSettledAsync(tenant, other);

        Assert.That(Ai.Requests.Any(r => r.LastUserText == "cancella la consulenza" && r.AfterToolCall), Is.True,
            $"{Ai.Requests.Count} requests: " + string.Join(" | ", Ai.Requests.Select(r => r.LastUserText + (r.AfterToolCall ? " [after tool] " + string.Join(";", r.ToolResults) : ""))));
        var refusal = Ai.Requests.Single(r => r.LastUserText == "cancella la consulenza" && r.AfterToolCall).ToolResults.Single();
        Assert.That(refusal, Does.Contain("no upcoming consultation with that booking_id"));
        Assert.That((await bookings.FindAsync(tenant.Consultant.Id, booking.Id))!.Status, Is.EqualTo(BookingStatus.Scheduled));
        Assert.That(await SystemMessagesAsync(tenant, other), Is.EqualTo(0));

        Ai.CallToolWhen(r => r.LastUserText == "annulla la mia consulenza", BookingToolNames.CancelBooking,
            r => new { booking_id = Regex.Match(r.SystemPrompt, "booking_id ([0-9a-f-]{36})").Groups[1].Value }, "Fatto.");
        await SendAsync(tenant, owner, "annulla la mia consulenza");
        await WaitUntilSettledAsync(tenant, owner, s => SentTo(owner).Count >= 3);

        Assert.That((await bookings.FindAsync(tenant.Consultant.Id, booking.Id))!.Status, Is.EqualTo(BookingStatus.Cancelled), "their own, from the prompt's list");
        var confirmation = await Db.ScalarAsync<string>(ConnectionString,
            "SELECT body FROM messages WHERE consultant_id = @c AND contact_phone = @p AND origin = 'system'", ("c", tenant.Consultant.Id), ("p", owner));
        Assert.That(confirmation, Does.StartWith("La tua consulenza di").And.Contain("è stata annullata"));
    }

    [Test]
    public async Task A_slot_taken_before_the_contact_picks_it_is_refused_with_other_times_held_for_them()
    {
        using var tenant = await LondonTenantAsync();
        var (late, quick) = (ItalianPhone(), ItalianPhone());
        Ai.CallToolWhen(r => r.LastUserText == "vorrei un appuntamento", BookingToolNames.FindFreeSlots,
            _ => new { from = Day(1), to = Day(8) }, "Ecco gli orari.");
        await SendAsync(tenant, late, "vorrei un appuntamento");
        await WaitUntilSettledAsync(tenant, late);
        await SendAsync(tenant, quick, "ciao");
        await WaitUntilSettledAsync(tenant, quick);
        var first = await OfferedStartAsync(tenant, late, 0);
        var firstId = await Db.ScalarAsync<Guid>(ConnectionString,
            "SELECT id FROM booking_chat_offers WHERE consultant_id = @c AND contact_address = @p ORDER BY starts_at LIMIT 1",
            ("c", tenant.Consultant.Id), ("p", late));

        // The contact took a while: their holds ran out and someone else booked the first time.
        await Db.ExecuteAsync(ConnectionString,
            $"UPDATE consultations SET hold_expires_at = now() - interval '1 minute' WHERE consultant_id = '{tenant.Consultant.Id}' AND status = 'held'");
        var taken = await Host.Services.GetRequiredService<BookingService>().BookForContactAsync(tenant.Consultant.Id, quick, first);
        Assert.That(taken.Succeeded, Is.True, taken.Problem?.Detail);
        // What is still free that day (in the consultant's zone): every one of those times is offered instead, as on the Calendar page.
        var zone = Grains.Common.TimeZones.Get((await Host.Services.GetRequiredService<AvailabilityService>().GetAsync(tenant.Consultant.Id)).TimeZone);
        var day = SlotFinder.Local(zone, first).Date;
        var stillFree = (await Host.Services.GetRequiredService<BookingService>().FindSlotsAsync(tenant.Consultant.Id, AnalyticsPeriod.Of(day, day).Value!, late)).Count;
        Assert.That(stillFree, Is.GreaterThan(3), "more free times that day than the three a search offers");
        Ai.CallToolWhen(r => r.LastUserText == "va bene il primo", BookingToolNames.BookSlot, _ => new { slot_id = firstId }, "Mi dispiace, è stato appena preso.");

        await SendAsync(tenant, late, "va bene il primo");
        await WaitUntilSettledAsync(tenant, late, s => SentTo(late).Count >= 2);

        var refusal = Ai.Requests.Single(r => r.LastUserText == "va bene il primo" && r.AfterToolCall).ToolResults.Single();
        Assert.That(refusal, Does.Contain("That slot was just taken"));
        Assert.That(Regex.Matches(refusal, "slot_id [0-9a-f-]{36}").Count, Is.EqualTo(Math.Min(stillFree, 10)), "every other time of that day, up to Booking:AlternativeTimes");
        Assert.That(refusal, Does.Not.Contain(firstId.ToString()));
        Assert.That(await CountAsync(
            "SELECT count(*) FROM consultations WHERE consultant_id = @c AND contact_address = @p AND status = 'held' AND hold_expires_at > now()",
            ("c", tenant.Consultant.Id), ("p", late)), Is.EqualTo(Math.Min(stillFree, 10)), "the other times are held for the contact");
        Assert.That(await CountAsync("SELECT count(*) FROM consultations WHERE consultant_id = @c AND status = 'scheduled'", ("c", tenant.Consultant.Id)),
            Is.EqualTo(1), "only the quicker contact's booking");
        Assert.That(await SystemMessagesAsync(tenant, late), Is.EqualTo(0), "nothing to confirm");
        Assert.That(SentTo(late).Last().Body, Is.EqualTo("Mi dispiace, è stato appena preso."));
    }

    [Test]
    public async Task A_model_that_keeps_calling_tools_is_stopped_after_the_last_round_and_answers_in_words_every_round_in_the_ledger()
    {
        using var tenant = await LondonTenantAsync();
        var contact = ItalianPhone();
        Ai.CallToolWhen(r => r.LastUserText == "elenca tutto", BookingToolNames.ListMyBookings, _ => new { }, "Non hai consulenze.", always: true);
        Ai.CallToolWhen(r => r.LastUserText == "fai qualcosa", "delete_everything", _ => new { all = true }, "Non posso farlo.");

        await SendAsync(tenant, contact, "elenca tutto");
        await WaitUntilSettledAsync(tenant, contact);
        await SendAsync(tenant, contact, "fai qualcosa");
        await WaitUntilSettledAsync(tenant, contact, s => SentTo(contact).Count >= 2);

        var rounds = Ai.Requests.Where(r => r.LastUserText == "elenca tutto").ToList();
        Assert.That(rounds.Select(r => r.ToolNames.Count > 0), Is.EqualTo(new[] { true, true, true, true, false }), "Ai:MaxToolRounds (4), then words");
        Assert.That(rounds[^1].ToolResults, Has.Count.EqualTo(4).And.All.Contain("no upcoming consultations"));
        var unknown = Ai.Requests.Single(r => r.LastUserText == "fai qualcosa" && r.AfterToolCall).ToolResults.Single();
        Assert.That(unknown, Does.StartWith("There is no tool named 'delete_everything'"));
        Assert.That(SentTo(contact).Select(m => m.Body), Is.EqualTo(new[] { "Non hai consulenze.", "Non posso farlo." }), "both replies sent");
        Assert.That(await CountAsync("SELECT count(*) FROM ai_key_rotation_log WHERE consultant_id = @c AND contact_phone = @p AND outcome = 'ok'",
            ("c", tenant.Consultant.Id), ("p", contact)), Is.EqualTo(7), "5 + 2 calls, each in the ledger");
    }

    [Test]
    public async Task A_booking_moved_then_cancelled_in_the_chat_patches_then_deletes_the_google_event_and_its_calendar_file_raises_the_sequence_then_cancels()
    {
        using var tenant = await LondonTenantAsync();
        await ConnectGoogleAsync(tenant);
        var lead = ItalianPhone();
        Ai.CallToolWhen(r => r.LastUserText == "quando possiamo sentirci?", BookingToolNames.FindFreeSlots,
            _ => new { from = Day(1), to = Day(8) }, "Ecco tre orari.");
        Ai.CallToolWhen(r => r.LastUserText == "il primo", BookingToolNames.BookSlot, r => new { slot_id = OfferedIds(r.SystemPrompt)[0] }, "Prenotata.");
        Ai.CallToolWhen(r => r.LastUserText == "posso spostarla?", BookingToolNames.FindFreeSlots,
            _ => new { from = Day(1), to = Day(8) }, "Ecco altri orari.");
        Ai.CallToolWhen(r => r.LastUserText == "allora il terzo", BookingToolNames.RescheduleBooking,
            r => new { booking_id = BookingId(r.SystemPrompt), slot_id = OfferedIds(r.SystemPrompt)[2] }, "Spostata.");
        Ai.CallToolWhen(r => r.LastUserText == "annulla pure", BookingToolNames.CancelBooking,
            r => new { booking_id = BookingId(r.SystemPrompt) }, "Annullata.");
        using var anonymous = Host.CreateClient();

        foreach (var (text, replies) in new[] { ("quando possiamo sentirci?", 1), ("il primo", 3), ("posso spostarla?", 4), ("allora il terzo", 6) })
        {
            await SendAsync(tenant, lead, text);
            await WaitUntilSettledAsync(tenant, lead, _ => SentTo(lead).Count >= replies);
        }

        var booking = await Db.ScalarAsync<Guid>(ConnectionString,
            "SELECT id FROM consultations WHERE consultant_id = @c AND contact_address = @p AND status = 'scheduled'", ("c", tenant.Consultant.Id), ("p", lead));
        var eventId = booking.ToString("N");
        await Poll.UntilAsync(() => Task.FromResult(google.CalendarRequests.Contains($"PATCH /calendar/v3/calendars/primary/events/{eventId}")),
            patched => patched, TimeSpan.FromSeconds(30), "the Google event patched");
        var moved = SentTo(lead)[^1].Body;
        Assert.That(moved, Does.StartWith("La tua consulenza è stata spostata"));
        var movedFile = await anonymous.GetStringAsync(CalendarFilePath(moved));
        Assert.That(movedFile, Does.Contain("METHOD:REQUEST").And.Contain("SEQUENCE:1").And.Contain($"UID:{CalendarFile.Uid(booking)}"));

        await SendAsync(tenant, lead, "annulla pure");
        await WaitUntilSettledAsync(tenant, lead, _ => SentTo(lead).Count >= 8);
        await Poll.UntilAsync(() => Task.FromResult(google.CalendarRequests.Contains($"DELETE /calendar/v3/calendars/primary/events/{eventId}")),
            deleted => deleted, TimeSpan.FromSeconds(30), "the Google event deleted");
        var cancelled = SentTo(lead)[^1].Body;
        Assert.That(cancelled, Does.StartWith("La tua consulenza di").And.Contain("è stata annullata"));
        var cancelledFile = await anonymous.GetStringAsync(CalendarFilePath(cancelled));
        Assert.That(cancelledFile, Does.Contain("METHOD:CANCEL").And.Contain("STATUS:CANCELLED").And.Contain("SEQUENCE:2"));
        Assert.That(await SystemMessagesAsync(tenant, lead), Is.EqualTo(3), "booked, moved, cancelled: one confirmation each");
        Assert.That(SentTo(lead).Select(m => m.Body), Does.Contain("Spostata.").And.Contain("Annullata."));
    }

    private static string BookingId(string systemPrompt) => Regex.Match(systemPrompt, "booking_id ([0-9a-f-]{36})").Groups[1].Value;

    /// <summary>The path of the calendar-file link in a confirmation.</summary>
    private static string CalendarFilePath(string confirmation) =>
        new Uri(Regex.Match(confirmation, @"https?://\S+\.ics").Value).PathAndQuery;

    private async Task<WhatsAppTenant> LondonTenantAsync()
    {
        var tenant = await NewTenantAsync(aiApiKey: "own-key-booking-chat");
        var saved = await tenant.Consultant.Http.PutAsJsonAsync("/api/account/settings", new { timeZone = "Europe/London" });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await saved.Content.ReadAsStringAsync());
        return tenant;
    }

    /// <summary>Connects the tenant's Google Calendar on the fake Google, as the settings page's flow does.</summary>
    private async Task ConnectGoogleAsync(WhatsAppTenant tenant)
    {
        var connections = Host.Services.GetRequiredService<GoogleCalendarConnections>();
        var link = (await connections.StartAsync(tenant.Consultant.Id, new Uri(SiloHost.PublicBaseUrl))).Value!;
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var consent = await browser.GetAsync(link.AuthorizationUrl);
        var back = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(consent.Headers.Location!.Query);
        Assert.That(await connections.CompleteAsync(tenant.Consultant.Id, back["state"], back["code"], null, CancellationToken.None),
            Is.EqualTo(GoogleConnectOutcome.Connected));
    }

    private async Task<DateTimeOffset> OfferedStartAsync(WhatsAppTenant tenant, string phone, int index) =>
        (await Db.ScalarAsync<DateTime>(ConnectionString,
            $"SELECT starts_at FROM booking_chat_offers WHERE consultant_id = @c AND contact_address = @p ORDER BY starts_at OFFSET {index} LIMIT 1",
            ("c", tenant.Consultant.Id), ("p", phone))).ToUniversalTime();

    private Task<long> SystemMessagesAsync(WhatsAppTenant tenant, string phone) =>
        CountAsync("SELECT count(*) FROM messages WHERE consultant_id = @c AND contact_phone = @p AND origin = 'system'",
            ("c", tenant.Consultant.Id), ("p", phone));

    /// <summary>The slot ids the prompt lists as last offered, in their order.</summary>
    private static List<string> OfferedIds(string systemPrompt) =>
        SlotIdPattern().Matches(systemPrompt).Select(m => m.Groups[1].Value).ToList();

    private static string Day(int daysAhead) => DateTime.UtcNow.Date.AddDays(daysAhead).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string ItalianPhone() => "+39347" + Random.Shared.Next(1000000, 9999999).ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("slot_id ([0-9a-f-]{36})")]
    private static partial Regex SlotIdPattern();
}
