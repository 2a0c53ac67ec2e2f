using System.Collections.Concurrent;
using System.Net;
using Consultant.Api.Realtime;
using Consultant.Grains.Abstractions;
using Consultant.Grains.FollowUps;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>
/// "Mark handled" (the consultant dealt with the contact another way) ends the wait for their reply, and with it the
/// hold on the silence nudge, at once: the chat's chip reads the next follow-up again on the conversation's live event
/// and must find it waiting again there, not still "waiting for your reply" until the follow-ups' next sweep. The test
/// reads as the chip does, on the same event. The other way too: a batch settling in need of the consultant's reply
/// holds the nudge before the page hears of it.
/// </summary>
public sealed class FollowUpMarkHandledTests : FollowUpChipFixture
{
    [Test]
    public async Task Needing_the_consultants_reply_holds_the_nudge_before_the_dashboard_hears_of_it()
    {
        using var answered = await LeadAnsweredWithANudgeAsync("pool-key-followup-needs-reply");
        var (tenant, lead, conversationId, _) = answered;

        // What the chip does: on the conversation's event that asks for the reply, read its next follow-up again. No
        // sweep runs here: the hold must come from the batch settling in need of the reply.
        var seen = new ConcurrentQueue<(string? Status, string? Reason)>();
        var relay = Host.Services.GetRequiredService<DashboardEventRelay>();
        await using var listening = await relay.ListenAsync(tenant.Consultant.Id, async dashboardEvent =>
        {
            if (dashboardEvent.Name == DashboardEventNames.ConversationUpdated && dashboardEvent.Conversation is { NeedsReply: true } view
                && view.Id == conversationId)
            {
                var next = await Service.NextForConversationAsync(tenant.Consultant.Id, conversationId);
                seen.Enqueue((next?.Status, next?.Reason));
            }
        });

        Ai.FailWhen(r => r.AllText.Contains("una persona vera", StringComparison.Ordinal), 500);
        await SendAsync(tenant, lead, "Posso parlare con una persona vera?");
        await Poll.UntilAsync(() => Task.FromResult(seen.Count), count => count > 0, TimeSpan.FromSeconds(60), "the conversation's event asking for the reply");
        Assert.That(seen.First(), Is.EqualTo((FollowUpStatus.Paused, (string?)FollowUpReasons.NeedsReply)), "held by the settling itself, when the chip reads it");
    }

    [Test]
    public async Task Marking_handled_plans_the_nudge_held_for_the_consultants_reply_again_before_the_dashboard_hears_of_it()
    {
        using var answered = await LeadAnsweredWithANudgeAsync("pool-key-followup-handled");
        var (tenant, lead, conversationId, _) = answered;

        // The AI cannot answer the contact's question: the consultant must, and the nudge waits for that (the sweep holds it).
        Ai.FailWhen(r => r.AllText.Contains("una persona vera", StringComparison.Ordinal), 500);
        await SendAsync(tenant, lead, "Posso parlare con una persona vera?");
        await WaitUntilSettledAsync(tenant, lead, s => s.NeedsReply);
        var held = await Poll.UntilAsync(async () =>
            {
                await FollowUpClock.SweepAtAsync(Host, DateTimeOffset.UtcNow); // nothing is due: it only holds
                return await Service.NextForConversationAsync(tenant.Consultant.Id, conversationId);
            },
            next => next is { Status: FollowUpStatus.Paused, Reason: FollowUpReasons.NeedsReply }, TimeSpan.FromSeconds(30), "the nudge held for the reply");

        // What the chip does: on the conversation's event, read its next follow-up again. Only events that no longer ask
        // for the reply count: those of the question and the failed answer still do.
        var seen = new ConcurrentQueue<(string? Status, string? Reason, DateTimeOffset? Due)>();
        var relay = Host.Services.GetRequiredService<DashboardEventRelay>();
        await using var listening = await relay.ListenAsync(tenant.Consultant.Id, async dashboardEvent =>
        {
            if (dashboardEvent.Name == DashboardEventNames.ConversationUpdated && dashboardEvent.Conversation is { NeedsReply: false } view
                && view.Id == conversationId)
            {
                var next = await Service.NextForConversationAsync(tenant.Consultant.Id, conversationId);
                seen.Enqueue((next?.Status, next?.Reason, next?.ScheduledFor));
            }
        });

        var handled = await tenant.Consultant.Http.PatchAsync($"/api/whatsapp/conversations/{conversationId}/clear-needs-reply", null);
        Assert.That(handled.StatusCode, Is.EqualTo(HttpStatusCode.OK), await handled.Content.ReadAsStringAsync());
        await Poll.UntilAsync(() => Task.FromResult(seen.Count), count => count > 0, TimeSpan.FromSeconds(30), "the conversation's event after marking it handled");
        var first = seen.First();
        Assert.That((first.Status, first.Reason), Is.EqualTo((FollowUpStatus.Pending, (string?)null)), "waiting again by the marking itself, when the chip reads it");
        Assert.That(first.Due, Is.GreaterThanOrEqualTo(held!.ScheduledFor), "never earlier than it was planned");
        Assert.That(SentTo(lead), Has.Count.EqualTo(1), "only the AI's first answer: nothing sent by the marking");
    }
}
