using System.Net.Http.Json;
using System.Text.Json;
using Consultant.TestSupport;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>Links between related things: a client's page opens their conversation; a lead's chat adds the contact as a client.</summary>
public sealed class ClientLinksTests : BrowserFixture
{
    [Test]
    public async Task A_clients_page_opens_their_conversation_and_says_when_there_is_none_yet()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Linking Consultant");
        const string phone = "+5511987652001";
        var carla = await tenant.AddClientAsync("Carla Client", phone);
        var nora = await tenant.AddClientAsync("Nora Nobody", "+5511987652002");
        await tenant.WebhookAsync(Host, phone, "Hi coach, it's Carla");

        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync($"/clients/{nora}");
        await Assertions.Expect(page.GetByTestId("no-conversation")).ToContainTextAsync("No conversation yet: Nora Nobody has not written");

        await page.GotoAsync($"/clients/{carla}");
        var link = page.GetByTestId("client-conversation-link");
        await Assertions.Expect(link).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "client-conversation-link");
        await link.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/conversations/", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("chat-title")).ToHaveTextAsync("Carla Client");
        await Assertions.Expect(page.GetByTestId("chat-messages")).ToContainTextAsync("Hi coach, it's Carla");

        // And back: a client's chat links to the client's page.
        await page.GetByTestId("open-client").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith($"/clients/{carla}", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Carla Client");
    }

    [Test]
    public async Task Add_as_client_in_a_lead_chat_takes_the_number_and_profile_name_and_the_chat_and_next_reply_are_a_clients_at_once()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Converting Consultant");
        const string phone = "+5511987652003";
        await tenant.WebhookAsync(Host, phone, "Hi, how much is coaching?", profileName: "Paula Prospect");

        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/conversations");
        await page.GetByTestId("conversation-item").Filter(new() { HasText = "Paula Prospect" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("chat-contact")).ToContainTextAsync("Lead");

        await page.GetByTestId("add-as-client").ClickAsync();
        await Assertions.Expect(page.Locator("#client-name")).ToHaveValueAsync("Paula Prospect");
        await Assertions.Expect(page.Locator("#client-phone")).ToHaveValueAsync(phone);
        await Assertions.Expect(page.Locator("#client-phone")).Not.ToBeEditableAsync();
        await page.Locator("#client-goals").FillAsync("Lose 4 kg by March");
        await ScreenshotAsync(page, "add-as-client");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add client" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("chat-contact")).ToContainTextAsync("Client");
        await Assertions.Expect(page.GetByTestId("open-client")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("add-as-client")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("conversation-item").Filter(new() { HasText = "Paula Prospect" })).ToContainTextAsync("Client");

        await ExpectNextReplyAsClientAsync(tenant, phone, "What should I eat today?", "Lose 4 kg by March");
    }

    [Test]
    public async Task Add_as_client_for_a_username_contact_takes_a_typed_phone_refuses_an_unreadable_one_and_links_the_id()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Username Consultant");
        var bsuid = BrowserTenant.NewBsuid();
        await tenant.WebhookAsync(Host, bsuid, "Hello from my username", profileName: "Ugo Username");

        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/conversations");
        await page.GetByTestId("conversation-item").Filter(new() { HasText = "Ugo Username" }).ClickAsync();
        await page.GetByTestId("add-as-client").ClickAsync();
        await Assertions.Expect(page.GetByTestId("add-client-username-note")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#client-name")).ToHaveValueAsync("Ugo Username");
        await Assertions.Expect(page.Locator("#client-phone")).ToHaveValueAsync(string.Empty);

        var phoneField = page.Locator(".mud-input-control", new() { Has = page.Locator("#client-phone") });
        await page.Locator("#client-phone").FillAsync("call me");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add client" }).ClickAsync();
        await Assertions.Expect(phoneField).ToContainTextAsync("'call me' is not a valid phone number");
        await Assertions.Expect(page.GetByTestId("chat-contact")).ToContainTextAsync("Lead");

        await page.Locator("#client-phone").FillAsync("+34 612 345 680");
        await page.Locator("#client-goals").FillAsync("Bench 60 kg");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add client" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("chat-contact")).ToContainTextAsync("Client");
        await Assertions.Expect(page.GetByTestId("chat-title")).ToHaveTextAsync("Ugo Username");

        var clients = await tenant.Consultant.Http.GetFromJsonAsync<JsonElement>("/api/clients?search=Ugo");
        Assert.That(clients.GetProperty("items")[0].GetProperty("phone").GetString(), Is.EqualTo("+34612345680"));
        await ExpectNextReplyAsClientAsync(tenant, bsuid, "Which weight today?", "Bench 60 kg");
    }

    /// <summary>The next message is answered with the consultant's own key and the client's records in the prompt.</summary>
    private async Task ExpectNextReplyAsClientAsync(BrowserTenant tenant, string from, string text, string goals)
    {
        await tenant.WebhookAsync(Host, from, text);
        var request = await Poll.UntilAsync(() => Task.FromResult(Ai.Requests.LastOrDefault(r => r.AllText.Contains(text))), r => r is not null,
            TimeSpan.FromSeconds(60), "the AI asked for the next reply");
        Assert.That(request!.ApiKey, Is.EqualTo(BrowserTenant.OwnAiKey), "a client's reply uses the consultant's own key");
        Assert.That(request.SystemPrompt, Does.Contain(goals), "and the client's records");
    }
}
