using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Interactive;
using Consultant.Grains.Languages;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>The simulator shows an interactive question's options as buttons; a click answers as a tap on WhatsApp would.</summary>
public sealed class SimulatorButtonsTests : BrowserFixture
{
    [Test]
    public async Task An_interactive_questions_options_are_buttons_and_a_click_sends_the_options_payload()
    {
        using var consultant = await Host.RegisterConsultantAsync("Simulator Buttons");
        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/simulator");
        var phone = page.Locator("[data-testid=simulator-phone] input, input[data-testid=simulator-phone]").First;
        await phone.FillAsync("+393331112233");
        var input = page.Locator("[data-testid=simulator-input] input, input[data-testid=simulator-input]").First;
        await input.FillAsync("Ciao");
        await input.PressAsync("Enter");
        var chat = page.GetByTestId("simulator-messages");
        var fromContact = chat.Locator("[data-testid=message].out [data-testid=message-body]");
        await Assertions.Expect(fromContact).ToHaveTextAsync(["Ciao"]);

        // What a guided flow's step sends, here to the simulator's conversation of that number.
        var question = new InteractiveQuestion("Qual è il tuo obiettivo?",
            [new("goal_fitness", "Fitness"), new("goal_finance", "Finanza"), new("goal_other", "Altro")], ContactLanguage.Italian);
        var sent = await Host.Services.GetRequiredService<InteractiveMessages>()
            .SendAsync(consultant.Id, ConversationKey.Simulated("+393331112233"), question, CancellationToken.None);
        Assert.That(sent.Succeeded, Is.True);

        var options = chat.GetByTestId("message-option");
        await Assertions.Expect(chat).ToContainTextAsync("Qual è il tuo obiettivo?");
        await Assertions.Expect(options).ToHaveTextAsync(["Fitness", "Finanza", "Altro"]);
        await ScreenshotAsync(page, "simulator-buttons");

        await options.Filter(new() { HasText = "Finanza" }).ClickAsync();

        await Assertions.Expect(fromContact).ToHaveTextAsync(["Ciao", "Finanza"]);
        var id = ConversationKey.IdFor(consultant.Id, ConversationKey.Simulated("+393331112233"));
        var stored = await consultant.Http.GetFromJsonAsync<JsonElement>($"/api/whatsapp/conversations/{id}/messages");
        var tap = stored.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("body").GetString() == "Finanza");
        Assert.That((tap.GetProperty("body").GetString(), tap.GetProperty("buttonPayload").GetString()), Is.EqualTo(("Finanza", "goal_finance")));
    }

    [Test]
    public async Task Four_to_ten_options_show_one_button_in_the_contacts_language_that_opens_the_list_as_on_whatsapp()
    {
        using var consultant = await Host.RegisterConsultantAsync("Simulator List");
        const string number = "+393331112244";
        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/simulator");
        var phone = page.Locator("[data-testid=simulator-phone] input, input[data-testid=simulator-phone]").First;
        await phone.FillAsync(number);
        var input = page.Locator("[data-testid=simulator-input] input, input[data-testid=simulator-input]").First;
        await input.FillAsync("Ciao");
        await input.PressAsync("Enter");
        var chat = page.GetByTestId("simulator-messages");
        await Assertions.Expect(chat.Locator("[data-testid=message].out [data-testid=message-body]")).ToHaveTextAsync(["Ciao"]);
        // This consultant has no AI key: wait for that notice first, so the chat's reload on it cannot race the question.
        await Assertions.Expect(chat).ToContainTextAsync("The assistant did not answer");

        var question = new InteractiveQuestion("Scegli un orario",
            [.. Enumerable.Range(1, 5).Select(n => new InteractiveOption($"slot{n}", $"ven 27 nov {8 + n}:00"))], ContactLanguage.Italian);
        var sent = await Host.Services.GetRequiredService<InteractiveMessages>()
            .SendAsync(consultant.Id, ConversationKey.Simulated(number), question, CancellationToken.None);
        Assert.That(sent.Succeeded, Is.True);

        await Assertions.Expect(chat).ToContainTextAsync("Scegli un orario");
        // The button as WhatsApp shows it to this Italian contact (what Twilio got), not in the dashboard's English.
        await Assertions.Expect(chat.GetByTestId("message-list-button")).ToHaveTextAsync("Scegli");
        await Assertions.Expect(chat.GetByTestId("message-option")).ToHaveCountAsync(0);
        await chat.GetByTestId("message-list-button").ClickAsync();
        var sheet = page.GetByTestId("list-sheet");
        await Assertions.Expect(sheet.GetByTestId("list-sheet-title")).ToHaveTextAsync("Scegli");
        await Assertions.Expect(sheet.GetByTestId("list-sheet-option")).ToHaveCountAsync(5);
        await ScreenshotAsync(page, "simulator-list-sheet");

        await sheet.GetByTestId("list-sheet-option").Filter(new() { HasText = "11:00" }).ClickAsync();

        await Assertions.Expect(sheet).ToHaveCountAsync(0);
        var id = ConversationKey.IdFor(consultant.Id, ConversationKey.Simulated(number));
        await Poll.UntilAsync(() => consultant.Http.GetFromJsonAsync<JsonElement>($"/api/whatsapp/conversations/{id}/messages"),
            stored => stored.GetProperty("items").EnumerateArray().Any(m => m.GetProperty("buttonPayload").GetString() == "slot3"),
            TimeSpan.FromSeconds(30), "the picked item's payload stored");
    }
}
