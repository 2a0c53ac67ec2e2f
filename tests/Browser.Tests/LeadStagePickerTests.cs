using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>The chat header shows a lead's furthest stage; the consultant moves it on, in Italian, and it is recorded as theirs.</summary>
public sealed class LeadStagePickerTests : BrowserFixture
{
    [Test]
    public async Task An_italian_consultant_moves_a_new_lead_to_qualified_from_the_chat_header_and_a_client_has_no_stage()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Funnel Consultant", autoResponse: false);
        const string lead = "+393471110001";
        const string client = "+393471110002";
        await tenant.AddClientAsync("Carla Cliente", client);
        await tenant.WebhookAsync(Host, lead, "Ciao, vorrei informazioni", profileName: "Luca Lead");
        await tenant.WebhookAsync(Host, client, "Ciao, a domani", profileName: "Carla");

        var page = await NewPageAsync(locale: "it-IT");
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/conversations");
        await page.GetByTestId("conversation-item").Filter(new() { HasText = "Luca Lead" }).ClickAsync();
        var picker = page.GetByTestId("lead-stage");
        await Assertions.Expect(picker).ToContainTextAsync("Nuovo");

        await picker.ClickAsync();
        await Assertions.Expect(page.GetByTestId("lead-stage-new")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("disabled"));
        await page.GetByTestId("lead-stage-qualified").ClickAsync();
        await Assertions.Expect(picker).ToContainTextAsync("Qualificato");
        await ScreenshotAsync(page, "lead-stage-picker");

        var id = ConversationKey.IdFor(tenant.Consultant.Id, lead);
        var stages = await tenant.Consultant.Http.GetFromJsonAsync<JsonElement>($"/api/whatsapp/conversations/{id}/lead-stage");
        Assert.That(stages.GetProperty("stages").EnumerateArray().Select(s => $"{s.GetProperty("stage").GetString()}:{s.GetProperty("source").GetString()}"),
            Is.EqualTo(new[] { "new:auto", "qualified:consultant" }));

        await page.ReloadAsync();
        await page.GetByTestId("conversation-item").Filter(new() { HasText = "Carla Cliente" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("chat-title")).ToHaveTextAsync("Carla Cliente");
        await Assertions.Expect(page.GetByTestId("lead-stage")).ToHaveCountAsync(0);
        await page.GetByTestId("conversation-item").Filter(new() { HasText = "Luca Lead" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("lead-stage")).ToContainTextAsync("Qualificato");
    }
}
