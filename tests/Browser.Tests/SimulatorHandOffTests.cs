using Consultant.Grains.Abstractions;
using Consultant.Grains.Flows;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Orleans;

namespace Consultant.Browser.Tests;

/// <summary>
/// A contact who asks for the consultant is answered by the assistant ("the consultant will answer you"), so the
/// simulator's notice says so instead of "the assistant did not answer" right under that reply.
/// </summary>
public sealed class SimulatorHandOffTests : BrowserFixture
{
    [Test]
    public async Task After_a_hand_off_the_notice_says_the_assistant_told_the_contact_you_will_answer()
    {
        using var consultant = await Host.RegisterConsultantAsync("Simulator Hand Off");
        const string phone = "+393331230031";
        var address = ConversationKey.Simulated(phone);
        var started = await Host.Services.GetRequiredService<IGrainFactory>()
            .GetGrain<IConversationGrain>(ConversationKey.Format(consultant.Id, address)).StartFlowAsync(DefaultFlow.Id, CancellationToken.None);
        Assert.That(started.Outcome, Is.EqualTo(FlowStartOutcome.Started), started.Problem);

        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/simulator");
        await page.Locator("[data-testid=simulator-phone] input, input[data-testid=simulator-phone]").First.FillAsync(phone);
        var input = page.Locator("[data-testid=simulator-input] input, input[data-testid=simulator-input]").First;
        await input.FillAsync("operatore");
        await input.PressAsync("Enter");

        var notice = page.GetByTestId("simulator-problem");
        await Assertions.Expect(notice).ToHaveTextAsync("The contact asked to talk to you: the assistant said you will answer.",
            new() { Timeout = 60_000 });
        await Assertions.Expect(notice).Not.ToContainTextAsync("did not answer");
    }
}
