using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Consultant.Api.Realtime;
using Consultant.Grains.Abstractions;
using Consultant.Grains.FollowUps;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>
/// Taking a conversation over (AI off) pauses its follow-ups, giving it back resumes them, at once: the chat's chip
/// reads the next follow-up again on the conversation's live event, and must find the switch there, not the state
/// the follow-ups' next sweep would only later have made of it. The test reads as the chip does, on the same event.
/// </summary>
public sealed class FollowUpAiSwitchTests : FollowUpChipFixture
{
    [Test]
    public async Task Taking_over_pauses_the_next_follow_up_before_the_dashboard_hears_of_it_and_giving_back_resumes_it()
    {
        using var answered = await LeadAnsweredWithANudgeAsync("pool-key-followup-switch");
        var (tenant, lead, conversationId, planned) = answered;

        // What the chip does: on the conversation's event, read its next follow-up again. Only the switches' events
        // count (they carry who switched); the ones of the lead's message and the AI's answer may still arrive.
        var seen = new ConcurrentQueue<(bool AiEnabled, string? Status, string? Reason, DateTimeOffset? Due)>();
        var relay = Host.Services.GetRequiredService<DashboardEventRelay>();
        await using var listening = await relay.ListenAsync(tenant.Consultant.Id, async dashboardEvent =>
        {
            if (dashboardEvent.Name == DashboardEventNames.ConversationUpdated && dashboardEvent.Conversation is { AiOverriddenAt: not null } view
                && view.Id == conversationId)
            {
                var next = await Service.NextForConversationAsync(tenant.Consultant.Id, conversationId);
                seen.Enqueue((view.AiEnabled, next?.Status, next?.Reason, next?.ScheduledFor));
            }
        });

        await SwitchAiAsync(tenant, conversationId, enabled: false);
        var takenOver = await SeenAsync(seen, aiEnabled: false);
        Assert.That((takenOver.Status, takenOver.Reason, takenOver.Due), Is.EqualTo((FollowUpStatus.Paused, FollowUpReasons.AiOff, planned!.ScheduledFor)),
            "paused by the take-over itself, when the chip reads it");

        await SwitchAiAsync(tenant, conversationId, enabled: true);
        var givenBack = await SeenAsync(seen, aiEnabled: true);
        Assert.That((givenBack.Status, givenBack.Reason, givenBack.Due), Is.EqualTo((FollowUpStatus.Pending, (string?)null, planned.ScheduledFor)),
            "pending again at its time, by the give-back itself");
        Assert.That(SentTo(lead), Has.Count.EqualTo(1), "only the AI's answer: nothing sent by the switches");
    }

    private static async Task SwitchAiAsync(WhatsAppTenant tenant, Guid conversationId, bool enabled)
    {
        var switched = await tenant.Consultant.Http.PatchAsJsonAsync($"/api/whatsapp/conversations/{conversationId}/ai-toggle", new { aiEnabled = enabled });
        Assert.That(switched.StatusCode, Is.EqualTo(HttpStatusCode.OK), await switched.Content.ReadAsStringAsync());
    }

    /// <summary>What the first event of the switch to <paramref name="aiEnabled"/> found.</summary>
    private static async Task<(bool AiEnabled, string? Status, string? Reason, DateTimeOffset? Due)> SeenAsync(
        ConcurrentQueue<(bool AiEnabled, string? Status, string? Reason, DateTimeOffset? Due)> seen, bool aiEnabled)
    {
        await Poll.UntilAsync(() => Task.FromResult(seen.Any(s => s.AiEnabled == aiEnabled)), found => found, TimeSpan.FromSeconds(30),
            $"the conversation's event after switching the AI {(aiEnabled ? "on" : "off")}");
        return seen.First(s => s.AiEnabled == aiEnabled);
    }
}
