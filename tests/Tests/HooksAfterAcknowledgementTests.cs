using System.Collections.Concurrent;
using System.Net;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Hooks;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>
/// A stored message's hooks (follow-ups, funnel, language, broadcasts) run just after the webhook's acknowledgement
/// (<c>Acknowledgement:HooksAfterAcknowledgement</c>, issue 20), before its burst is answered; a message taken back
/// from the table after a crash tells them again. Off, the acknowledgement waits for them.
/// </summary>
[TestFixture(true)]
[TestFixture(false)]
public sealed class HooksAfterAcknowledgementTests(bool hooksAfter) : PipelineFixture
{
    protected override IReadOnlyDictionary<string, string> HostSettings { get; } =
        new Dictionary<string, string> { ["Acknowledgement:HooksAfterAcknowledgement"] = hooksAfter ? "true" : "false" };

    protected override void AddServices(IServiceCollection services) => services.AddConversationHook<HoldingHook>();

    private HoldingHook Hook => Host.Services.GetServices<IConversationHook>().OfType<HoldingHook>().Single();

    [Test]
    public async Task The_acknowledgement_waits_for_the_hooks_only_when_so_configured_and_the_answer_always_comes_after_them()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Held Hana", phone, "Run 10 km");
        var held = Hook.Hold(phone);

        var sending = SendAsync(tenant, phone, "my question");
        await held.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        if (hooksAfter)
        {
            var acknowledged = await sending.WaitAsync(TimeSpan.FromSeconds(30)); // completes while the hook is held
            Assert.That(acknowledged.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        else
        {
            Assert.That(sending.IsCompleted, Is.False, "the acknowledgement waits for the held hook");
        }

        Assert.That(SentTo(phone), Is.Empty, "nothing answered while the message's hooks run");
        held.Release.SetResult();
        Assert.That((await sending).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await WaitForRepliesAsync(phone, 1);
        await WaitUntilSettledAsync(tenant, phone);
        Assert.That(Hook.For(phone), Is.EqualTo(new[] { "stored:my question", "hooks done", "before:1" }));
    }

    [Test]
    public async Task A_message_taken_back_from_the_table_tells_the_hooks_again_when_they_run_after_the_acknowledgement()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var phone = NewContactPhone();

        // Acknowledged by a silo that died before anything else: its row alone, owed a reply, no batch.
        await Db.ExecuteAsync(ConnectionString, $"""
            INSERT INTO messages (id, consultant_id, contact_phone, direction, sender, body, twilio_sid, status, created_at, channel)
            VALUES ('{Guid.NewGuid()}', '{tenant.Consultant.Id}', '{phone}', 'inbound', 'lead', 'stored before a crash',
                    '{FakeTwilio.NewSid()}', 'received', now(), 'whatsapp')
            """);
        await Host.Services.GetRequiredService<IGrainFactory>()
            .GetGrain<IConversationGrain>(ConversationKey.Format(tenant.Consultant.Id, phone)).WakeAsync();

        var expected = hooksAfter ? new[] { "stored:stored before a crash", "hooks done", "before:1" } : new[] { "before:1" };
        await Poll.UntilAsync(() => Task.FromResult(Hook.For(phone)), moments => moments.Contains("before:1"),
            TimeSpan.FromSeconds(30), "the taken-back message's batch");
        Assert.That(Hook.For(phone), Is.EqualTo(expected));
    }

    [Test]
    public async Task A_retry_of_a_receive_that_failed_once_its_message_was_stored_tells_the_hooks()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var phone = NewContactPhone();
        var url = Twilio.AddMedia(tenant.AccountSid, MediaFixtures.Png(), "image/png");
        var form = TwilioWebhook.InboundMediaForm(tenant.AccountSid, phone, tenant.Number, "a photo of my plan", (url, "image/png"));

        // The row is stored, then recording its media fails: 503, Twilio retries the same message.
        await Db.ExecuteAsync(ConnectionString, "ALTER TABLE whatsapp_media_files RENAME TO whatsapp_media_files_unavailable");
        HttpResponseMessage failed;
        try
        {
            failed = await TwilioWebhook.PostAsync(Host.CreateClient(), SiloHost.WebhookUrl, tenant.AuthToken, form);
        }
        finally
        {
            await Db.ExecuteAsync(ConnectionString, "ALTER TABLE whatsapp_media_files_unavailable RENAME TO whatsapp_media_files");
        }

        Assert.That(failed.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That((await TwilioWebhook.PostAsync(Host.CreateClient(), SiloHost.WebhookUrl, tenant.AuthToken, form)).StatusCode,
            Is.EqualTo(HttpStatusCode.OK));
        await Poll.UntilAsync(() => Task.FromResult(Hook.For(phone)), moments => moments.Contains("stored:a photo of my plan"),
            TimeSpan.FromSeconds(30), "the hooks told of the retried message");
        Assert.That(Hook.For(phone).Count(m => m.StartsWith("stored:", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    /// <summary>Records the moments per contact; holds a contact's stored message until released when asked to.</summary>
    private sealed class HoldingHook : IConversationHook
    {
        private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> moments = new();
        private readonly ConcurrentDictionary<string, Held> holds = new();

        public Held Hold(string phone) => holds[phone] = new Held();

        public IReadOnlyList<string> For(string phone) => moments.GetOrAdd(phone, _ => new()).ToList();

        public async Task MessageStoredAsync(StoredInboundMessage message, CancellationToken cancellationToken)
        {
            Add(message.Phone, $"stored:{message.Body}");
            if (holds.TryRemove(message.Phone, out var held))
            {
                held.Entered.SetResult();
                await held.Release.Task;
            }

            Add(message.Phone, "hooks done");
        }

        public Task BeforeAnswerAsync(AnsweringBatch batch, CancellationToken cancellationToken)
        {
            Add(batch.Phone, $"before:{batch.MessageIds.Count}");
            return Task.CompletedTask;
        }

        private void Add(string phone, string moment) => moments.GetOrAdd(phone, _ => new()).Enqueue(moment);
    }

    private sealed class Held
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
