using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Net;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Hooks;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>
/// The extension points later capabilities attach to: each moment of a conversation reaches every registered hook,
/// with what happened, and a hook that throws stops neither the reply nor the other hooks.
/// </summary>
public sealed class ConversationHookTests : PipelineFixture
{
    protected override void AddServices(IServiceCollection services)
    {
        services.AddConversationHook<ThrowingHook>(); // first: the recording one must still be called
        services.AddConversationHook<RecordingHook>();
    }

    private RecordingHook Recorded => Host.Services.GetServices<IConversationHook>().OfType<RecordingHook>().Single();

    [Test]
    public async Task Every_moment_reaches_the_hooks_in_order_even_after_a_hook_throws()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Hooked Hana", phone, "Run 10 km");

        await SendAsync(tenant, phone, "first of a burst");
        await SendAsync(tenant, phone, "second of a burst");
        var reply = (await WaitForRepliesAsync(phone, 1)).Single();
        await WaitUntilSettledAsync(tenant, phone);
        Assert.That((await StatusCallbackAsync(tenant, reply.Sid, "failed", errorCode: "131049")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var moments = Recorded.For(tenant.Consultant.Id);
        Assert.That(moments.Select(m => m.Split(':')[0]), Is.EqualTo(new[] { "stored", "stored", "before", "sent", "status" }));
        Assert.That(moments[0], Is.EqualTo($"stored:{phone}:client:first of a burst"));
        Assert.That(moments[1], Is.EqualTo($"stored:{phone}:client:second of a burst"));
        Assert.That(moments[2], Is.EqualTo($"before:{phone}:2"), "one batch for the burst");
        Assert.That(moments[3], Is.EqualTo($"sent:{phone}:Assistant:{reply.Body}"));
        Assert.That(moments[4], Is.EqualTo($"status:{reply.Body}:failed:131049"));
        Assert.That(SentTo(phone), Has.Count.EqualTo(1), "the throwing hook changed nothing");
    }

    [Test]
    public async Task A_duplicate_delivery_is_not_a_new_message_a_message_by_hand_is_a_sent_reply_and_taking_over_is_a_switch()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var phone = NewContactPhone();
        var sid = FakeTwilio.NewSid();
        await SendAsync(tenant, phone, "only once", sid);
        await SendAsync(tenant, phone, "only once", sid); // Twilio's retry
        await WaitUntilSettledAsync(tenant, phone);

        var id = ConversationKey.IdFor(tenant.Consultant.Id, phone);
        var sent = await tenant.Consultant.Http.PostAsJsonAsync($"/api/whatsapp/conversations/{id}/send", new { messageText = "Written by hand" });
        Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        foreach (var aiEnabled in new[] { false, true })
        {
            var switched = await tenant.Consultant.Http.PatchAsJsonAsync($"/api/whatsapp/conversations/{id}/ai-toggle", new { aiEnabled });
            Assert.That(switched.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var handled = await tenant.Consultant.Http.PatchAsync($"/api/whatsapp/conversations/{id}/clear-needs-reply", null);
        Assert.That(handled.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var moments = Recorded.For(tenant.Consultant.Id);
        Assert.That(moments, Is.EqualTo(new[]
        {
            // Automatic answers off: the batch settles needing the consultant's reply.
            $"stored:{phone}:lead:only once", $"before:{phone}:1", $"needs-reply:{phone}", $"sent:{phone}:Consultant:Written by hand",
            $"ai:{phone}:False", $"ai:{phone}:True", $"handled:{phone}",
        }));
    }

    private sealed class RecordingHook : IConversationHook
    {
        private readonly ConcurrentDictionary<Guid, ConcurrentQueue<string>> moments = new();

        public IReadOnlyList<string> For(Guid consultantId) => moments.GetOrAdd(consultantId, _ => new()).ToList();

        public Task MessageStoredAsync(StoredInboundMessage message, CancellationToken cancellationToken) =>
            Add(message.ConsultantId, $"stored:{message.Phone}:{(message.FromLead ? "lead" : "client")}:{message.Body}");

        public Task BeforeAnswerAsync(AnsweringBatch batch, CancellationToken cancellationToken) =>
            Add(batch.ConsultantId, $"before:{batch.Phone}:{batch.MessageIds.Count}");

        public Task ReplySentAsync(SentReply reply, CancellationToken cancellationToken) =>
            Add(reply.ConsultantId, $"sent:{reply.Phone}:{reply.Author}:{string.Join("|", reply.Messages.Select(m => m.Body))}");

        public Task DeliveryStatusChangedAsync(DeliveryStatusChange change, CancellationToken cancellationToken) =>
            Add(change.ConsultantId, $"status:{change.Message.Body}:{change.Message.Status}:{change.ErrorCode}");

        public Task AiSwitchedAsync(AiSwitch change, CancellationToken cancellationToken) =>
            Add(change.ConsultantId, $"ai:{change.Phone}:{change.AiEnabled}");

        public Task NeedsReplyChangedAsync(NeedsReplyChanged change, CancellationToken cancellationToken) =>
            Add(change.ConsultantId, change.NeedsReply ? $"needs-reply:{change.Phone}" : $"handled:{change.Phone}");

        private Task Add(Guid consultantId, string moment)
        {
            moments.GetOrAdd(consultantId, _ => new()).Enqueue(moment);
            return Task.CompletedTask;
        }
    }

    private sealed class ThrowingHook : IConversationHook
    {
        public Task MessageStoredAsync(StoredInboundMessage message, CancellationToken cancellationToken) => throw new InvalidOperationException("hook bug");

        public Task BeforeAnswerAsync(AnsweringBatch batch, CancellationToken cancellationToken) => throw new InvalidOperationException("hook bug");

        public Task ReplySentAsync(SentReply reply, CancellationToken cancellationToken) => throw new InvalidOperationException("hook bug");

        public Task DeliveryStatusChangedAsync(DeliveryStatusChange change, CancellationToken cancellationToken) => throw new InvalidOperationException("hook bug");

        public Task AiSwitchedAsync(AiSwitch change, CancellationToken cancellationToken) => throw new InvalidOperationException("hook bug");

        public Task NeedsReplyChangedAsync(NeedsReplyChanged change, CancellationToken cancellationToken) => throw new InvalidOperationException("hook bug");
    }
}
