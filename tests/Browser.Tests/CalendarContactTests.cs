using System.Net.Http.Json;
using Consultant.Grains.Abstractions;
using Consultant.TestSupport;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>
/// Who a consultation is with, on the Calendar page: the Book panel's contact field keeps what a fast typist types and
/// offers each person once (a client whose chat is not linked yet is one entry); a client's consultation opens their chat.
/// </summary>
public sealed class CalendarContactTests : BrowserFixture
{
    [Test]
    public async Task Typing_a_name_fast_into_the_contact_field_keeps_every_letter_and_offers_that_contact()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Fast Typist Consultant", autoResponse: false);
        await tenant.AddClientAsync("Rosalind Quickfield", "+393471112233");
        await tenant.AddClientAsync("Roberto Altrove", "+393471112244");

        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/calendar?week=2030-12-02");
        await page.GetByTestId("book-open").ClickAsync();
        var contact = page.Locator("#bookContact");
        await contact.PressSequentiallyAsync("Rosalind", new() { Delay = 60 });

        await Assertions.Expect(contact).ToHaveValueAsync("Rosalind");
        var options = page.Locator(".mud-popover-open .mud-list-item");
        await Assertions.Expect(options).ToHaveCountAsync(1);
        await Assertions.Expect(options.First).ToContainTextAsync("Rosalind Quickfield");
        await Assertions.Expect(contact).ToHaveValueAsync("Rosalind");
    }

    [Test]
    public async Task A_client_whose_chat_is_not_linked_yet_is_offered_once_and_booked_as_the_client_in_that_chat()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "One Entry Consultant", autoResponse: false);
        const string phone = "+393471239001";
        await tenant.WebhookAsync(Host, phone, "Ciao, sono Carla", profileName: "Carla Unita");
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, phone);
        await Poll.UntilAsync(() => SettledAsync(tenant, phone), settled => settled, TimeSpan.FromSeconds(60), "her message to be handled");
        // Added on the Clients page after her chat settled: the chat is not linked to her until she writes again.
        var clientId = await tenant.AddClientAsync("Carla Unita", phone);
        Assert.That(await Db.ScalarAsync<Guid?>(Host.ConnectionString, "SELECT client_id FROM conversations WHERE id = @id", ("id", conversationId)),
            Is.Null, "the chat is not linked");

        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/calendar?week=2030-12-02");
        await page.GetByTestId("book-open").ClickAsync();
        var contact = page.Locator("#bookContact");
        await contact.FillAsync("Carla");
        var options = page.Locator(".mud-popover-open .mud-list-item");
        await Assertions.Expect(contact).ToHaveValueAsync("Carla");
        await Assertions.Expect(options.First).ToContainTextAsync("Carla Unita");
        await Assertions.Expect(options).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "calendar-book-one-entry");

        await options.First.ClickAsync();
        await Assertions.Expect(contact).ToHaveValueAsync("Carla Unita (+39 347 123 9001)");
        var panel = page.GetByTestId("book-panel");
        var day = panel.GetByTestId("book-day").Locator("input");
        await day.FillAsync("03/12/2030");
        await day.PressAsync("Tab");
        var time = panel.GetByTestId("book-time").Locator("input");
        await time.FillAsync("11:00");
        await time.PressAsync("Tab");
        await panel.GetByTestId("book-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("contact-told")).ToContainTextAsync("Consultation booked.");

        var bookings = await tenant.Consultant.Http.GetFromJsonAsync<List<BookingBody>>("/api/bookings?from=2030-12-02&to=2030-12-08");
        Assert.That(bookings, Has.Count.EqualTo(1));
        Assert.That(bookings![0].ClientId, Is.EqualTo(clientId), "booked as the client, not as a lead");
        Assert.That(bookings[0].ContactAddress, Is.EqualTo(phone), "in her chat");
        var card = page.Locator("[data-testid=calendar-day][data-day='2030-12-03']").GetByTestId("calendar-booking");
        await Assertions.Expect(card.GetByTestId("booking-open-chat")).ToHaveAttributeAsync("href", $"/conversations/{conversationId}");
    }

    [Test]
    public async Task A_clients_consultation_opens_the_chat_found_by_their_number_and_none_is_shown_when_they_have_no_chat()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Client Chat Link Consultant", autoResponse: false);
        const string phone = "+393471239002";
        var withChat = await tenant.AddClientAsync("Dario Conchat", phone);
        var withoutChat = await tenant.AddClientAsync("Elena Senzachat", "+393471239003");
        // Booked while neither had written: the consultations know the client only.
        foreach (var (clientId, startsAt) in new[] { (withChat, "2030-12-03T10:00:00Z"), (withoutChat, "2030-12-03T13:00:00Z") })
        {
            var booked = await tenant.Consultant.Http.PostAsJsonAsync("/api/bookings", new { clientId, startsAt });
            Assert.That(booked.IsSuccessStatusCode, await booked.Content.ReadAsStringAsync());
        }

        await tenant.WebhookAsync(Host, phone, "Ciao, a martedì!", profileName: "Dario");
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, phone);
        await Poll.UntilAsync(() => SettledAsync(tenant, phone), settled => settled, TimeSpan.FromSeconds(60), "his message to be handled");

        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/calendar?week=2030-12-02");
        var tuesday = page.Locator("[data-testid=calendar-day][data-day='2030-12-03']");
        var dario = tuesday.GetByTestId("calendar-booking").Filter(new() { HasText = "Dario Conchat" });
        var elena = tuesday.GetByTestId("calendar-booking").Filter(new() { HasText = "Elena Senzachat" });
        await Assertions.Expect(dario.GetByTestId("booking-open-chat")).ToHaveAttributeAsync("href", $"/conversations/{conversationId}");
        await Assertions.Expect(elena).ToBeVisibleAsync();
        await Assertions.Expect(elena.GetByTestId("booking-open-chat")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "calendar-client-chat-link");

        await dario.GetByTestId("booking-open-chat").ClickAsync();
        await page.WaitForURLAsync($"**/conversations/{conversationId}");
    }

    /// <summary>Every message from the contact handled and the chat's row written after that.</summary>
    private Task<bool> SettledAsync(BrowserTenant tenant, string phone) =>
        Db.ScalarAsync<bool>(Host.ConnectionString,
            """
            SELECT count(*) > 0 AND count(*) FILTER (WHERE m.handled_at IS NULL) = 0
                   AND max(m.handled_at) <= (SELECT c.updated_at FROM conversations c WHERE c.consultant_id = @c AND c.contact_phone = @p)
              FROM messages m WHERE m.consultant_id = @c AND m.contact_phone = @p AND m.direction = 'inbound'
            """,
            ("c", tenant.Consultant.Id), ("p", phone));

    private sealed record BookingBody(Guid Id, Guid? ClientId, string? ContactAddress);
}
