using System.Net.Http.Json;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Flows;
using Consultant.Grains.Inbox;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Orleans;

namespace Consultant.Browser.Tests;

/// <summary>A contact who asked for the consultant stays "needs reply" until the consultant writes or marks it handled in the chat.</summary>
public sealed class NeedsReplyTests : BrowserFixture
{
    [Test]
    public async Task A_lead_who_asked_for_you_is_flagged_until_you_mark_the_chat_handled()
    {
        using var consultant = await Host.RegisterConsultantAsync("Needs Reply");
        const string phone = "+393331230021";
        var address = ConversationKey.Simulated(phone);
        var conversationId = ConversationKey.IdFor(consultant.Id, address);
        var started = await Host.Services.GetRequiredService<IGrainFactory>()
            .GetGrain<IConversationGrain>(ConversationKey.Format(consultant.Id, address)).StartFlowAsync(DefaultFlow.Id, CancellationToken.None);
        Assert.That(started.Outcome, Is.EqualTo(FlowStartOutcome.Started), started.Problem);
        (await consultant.Http.PostAsJsonAsync("/api/whatsapp/simulator/messages", new { phone, text = "operatore" })).EnsureSuccessStatusCode();
        var conversations = Host.Services.GetRequiredService<ConversationService>();
        await Poll.UntilAsync(async () => (await conversations.GetAsync(consultant.Id, conversationId))?.Conversation.NeedsReply ?? false,
            flagged => flagged, TimeSpan.FromSeconds(60), "the chat flagged needs reply");

        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync($"/conversations/{conversationId}");

        var alert = page.GetByTestId("needs-reply");
        await Assertions.Expect(alert).ToContainTextAsync("The contact asked to talk to you");
        await alert.GetByTestId("clear-needs-reply").ClickAsync();

        await Assertions.Expect(alert).ToHaveCountAsync(0);
        Assert.That((await conversations.GetAsync(consultant.Id, conversationId))!.Conversation.NeedsReply, Is.False);
    }
}
