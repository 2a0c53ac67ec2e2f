using System.Globalization;
using System.Net;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Broadcasts;
using Consultant.TestSupport;
using Consultant.Web.Shared;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Consultant.Tests;

/// <summary>
/// WhatsApp's marketing limit (131049) for a contact of a cancelled broadcast: nothing will try them again, so the
/// contact ends failed saying so and their message stops waiting, whether the callback comes after the cancel or the
/// cancel after it, also when the two meet at the broadcast's row lock (forced: another connection holds it while both
/// wait, in either order). A paused broadcast still tries them again once resumed. Two contacts, the second's send held, keep
/// the broadcast sending (so it can be paused or cancelled) after the first got its message.
/// </summary>
public sealed class BroadcastCancelledRetryTests : PipelineFixture
{
    private const string FinalReason = "WhatsApp's marketing limit for this contact was reached (error 131049); not tried again: the broadcast was cancelled.";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Test]
    public async Task A_marketing_limit_callback_after_the_cancel_leaves_the_contact_failed_and_the_message_not_waiting()
    {
        var (tenant, id, limited, held) = await SendingToOneOfTwoAsync();
        using var _ = tenant;
        await BroadcastTests.PostAsync(tenant, $"/api/whatsapp/broadcasts/{id}/cancel", HttpStatusCode.OK);

        (await StatusCallbackAsync(tenant, Broadcasts(limited).Single().Sid, "failed", "131049")).EnsureSuccessStatusCode();
        held.SetResult();

        await AssertEndedAsync(tenant, id, limited);
    }

    [Test]
    public async Task A_cancel_after_the_marketing_limit_put_the_contact_back_leaves_the_contact_failed_and_the_message_not_waiting()
    {
        var (tenant, id, limited, held) = await SendingToOneOfTwoAsync();
        using var _ = tenant;
        (await StatusCallbackAsync(tenant, Broadcasts(limited).Single().Sid, "failed", "131049")).EnsureSuccessStatusCode();
        Assert.That((await RecipientAsync(tenant, id, limited)).GetProperty("status").GetString(), Is.EqualTo("queued"), "waiting for its retry");

        await BroadcastTests.PostAsync(tenant, $"/api/whatsapp/broadcasts/{id}/cancel", HttpStatusCode.OK);
        held.SetResult();

        await AssertEndedAsync(tenant, id, limited);
    }

    [TestCase(true, TestName = "A cancel and a marketing limit callback waiting for the broadcast's row end the contact failed: the cancel first")]
    [TestCase(false, TestName = "A cancel and a marketing limit callback waiting for the broadcast's row end the contact failed: the callback first")]
    public async Task A_cancel_and_a_marketing_limit_callback_that_meet_at_the_row_lock_end_the_contact_failed(bool cancelFirst)
    {
        var (tenant, id, limited, held) = await SendingToOneOfTwoAsync();
        using var _ = tenant;
        await using var holder = new NpgsqlConnection(ConnectionString);
        await using var observer = new NpgsqlConnection(ConnectionString); // pg_stat_activity is read once a transaction: not the holder's
        await holder.OpenAsync();
        await observer.OpenAsync();
        await using var rowLock = await holder.BeginTransactionAsync();
        Assert.That(await holder.ExecuteScalarAsync<string>("SELECT status FROM whatsapp_broadcasts WHERE id = @id FOR UPDATE", new { id }, rowLock),
            Is.EqualTo("running"));

        // The first waits for the row, then the second queues behind it: the row goes to them in that order. (The sending
        // loop waits for the second contact's held send, not for the row; were it still completing, it would only be one
        // more waiter, and either order must end the same.)
        var sid = Broadcasts(limited).Single().Sid;
        Task<JsonElement>? cancel = cancelFirst ? CancelAsync() : null;
        Task<HttpResponseMessage>? callback = cancelFirst ? null : CallbackAsync();
        await WaitersAsync(1, cancelFirst ? "the cancel" : "the callback's requeue");
        cancel ??= CancelAsync();
        callback ??= CallbackAsync();
        await WaitersAsync(2, cancelFirst ? "the callback's requeue" : "the cancel");
        await rowLock.RollbackAsync();
        await cancel;
        (await callback).EnsureSuccessStatusCode();
        held.SetResult();

        await AssertEndedAsync(tenant, id, limited);

        Task<JsonElement> CancelAsync() => BroadcastTests.PostAsync(tenant, $"/api/whatsapp/broadcasts/{id}/cancel", HttpStatusCode.OK);

        Task<HttpResponseMessage> CallbackAsync() => StatusCallbackAsync(tenant, sid, "failed", "131049");

        Task WaitersAsync(int count, string what) =>
            Poll.UntilAsync(() => BroadcastCompletionRaceTests.WaitingBehindAsync(observer, holder.ProcessID), waiting => waiting >= count, Deadline,
                what + " waiting for the broadcast's row");
    }

    [Test]
    public async Task A_marketing_limit_callback_while_paused_waits_for_the_resume_and_the_contact_is_tried_again()
    {
        var (tenant, id, limited, held) = await SendingToOneOfTwoAsync();
        using var _ = tenant;
        await BroadcastTests.PostAsync(tenant, $"/api/whatsapp/broadcasts/{id}/pause", HttpStatusCode.OK);

        (await StatusCallbackAsync(tenant, Broadcasts(limited).Single().Sid, "failed", "131049")).EnsureSuccessStatusCode();
        held.SetResult();
        var waiting = await ChatMessageAsync(tenant, limited);
        Assert.Multiple(() =>
        {
            Assert.That(waiting.GetProperty("retry").GetProperty("paused").GetBoolean(), Is.True, "waits for the resume");
            Assert.That(waiting.GetProperty("error").GetString(), Does.Contain("trying again after 60 minutes"));
        });
        Assert.That((await RecipientAsync(tenant, id, limited)).GetProperty("status").GetString(), Is.EqualTo("queued"));

        await BroadcastTests.PostAsync(tenant, $"/api/whatsapp/broadcasts/{id}/resume", HttpStatusCode.OK);
        // Its time comes (the clock moved on): the broadcast is woken, as the scheduler's minute does.
        await Db.ExecuteAsync(ConnectionString, $"UPDATE whatsapp_broadcast_recipients SET next_attempt_at = now() WHERE broadcast_id = '{id}' AND contact_phone = '{limited}'");
        await Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IBroadcastGrain>(BroadcastKeys.Of(tenant.Consultant.Id, id)).WakeAsync();
        await Poll.UntilAsync(() => Task.FromResult(Broadcasts(limited).Count), n => n == 2, Deadline, "the retry after the resume");
        await BroadcastTests.WaitForStatusAsync(tenant, id, "completed");
        Assert.That((await RecipientAsync(tenant, id, limited)).GetProperty("status").GetString(), Is.EqualTo("sent"));
    }

    /// <summary>
    /// A broadcast to two contacts, running: the first (the one the test limits) got its message, the second's send is
    /// held before Twilio takes it until the returned source completes.
    /// </summary>
    private async Task<(WhatsAppTenant Tenant, Guid Id, string Limited, TaskCompletionSource Held)> SendingToOneOfTwoAsync()
    {
        var tenant = await NewTenantAsync(autoResponse: false);
        var (limited, other) = (NewContactPhone(), NewContactPhone());
        await SendAsync(tenant, limited, "hello");
        await SendAsync(tenant, other, "hello");
        await ListedAsync(tenant, [limited, other]); // the audience is the conversation list
        var held = Twilio.HoldSendWhen((to, body) => to == "whatsapp:" + other && body.StartsWith("Marketing news.", StringComparison.Ordinal));
        var id = await BroadcastTests.CreateAsync(tenant, new { name = "Limited", audience = new { group = "all" }, messageText = "Marketing news." });
        await BroadcastTests.PostAsync(tenant, $"/api/whatsapp/broadcasts/{id}/start", HttpStatusCode.OK);
        await Poll.UntilAsync(() => RecipientAsync(tenant, id, limited), r => r.GetProperty("status").GetString() == "sent", Deadline,
            "the first contact's message sent");
        // The second's send reached Twilio (held there): once started it finishes, so a pause or a cancel cannot give it
        // back to the queue unsent and leave the hold waiting for a send that never comes (it would catch the next test's).
        var sends = $"/2010-04-01/Accounts/{tenant.AccountSid}/Messages.json";
        await Poll.UntilAsync(() => Task.FromResult(Twilio.RequestPaths.Count(path => path == sends)), n => n >= 2, Deadline, "the second send at Twilio");
        return (tenant, id, limited, held);
    }

    /// <summary>The contact ended failed with the reason, in the report and in the chat, not waiting; the reason reads in Italian.</summary>
    private async Task AssertEndedAsync(WhatsAppTenant tenant, Guid id, string limited)
    {
        var recipient = await Poll.UntilAsync(() => RecipientAsync(tenant, id, limited), r => r.GetProperty("status").GetString() != "queued", Deadline,
            "the contact settled");
        var message = await ChatMessageAsync(tenant, limited);
        var report = await BroadcastTests.GetJsonAsync(tenant, $"/api/whatsapp/broadcasts/{id}");
        Assert.Multiple(() =>
        {
            Assert.That(report.GetProperty("broadcast").GetProperty("status").GetString(), Is.EqualTo("cancelled"));
            Assert.That(recipient.GetProperty("status").GetString(), Is.EqualTo("failed"), "nothing tries it again");
            Assert.That(recipient.GetProperty("reason").GetString(), Is.EqualTo(FinalReason));
            Assert.That(recipient.GetProperty("errorCode").GetInt32(), Is.EqualTo(131049));
            Assert.That(message.GetProperty("status").GetString(), Is.EqualTo("failed"));
            Assert.That(message.GetProperty("retry").ValueKind, Is.EqualTo(JsonValueKind.Null), "not waiting for a retry");
            Assert.That(message.GetProperty("error").GetString(), Is.EqualTo(FinalReason));
            Assert.That(report.GetProperty("counts").GetProperty("failed").GetInt32(), Is.EqualTo(1));
            Assert.That(Broadcasts(limited), Has.Count.EqualTo(1), "not tried again");
            Assert.That(InItalian(FinalReason), Is.EqualTo(
                "Raggiunto il limite di marketing di WhatsApp per questo contatto (errore 131049); non si riprova: il broadcast è stato annullato."));
        });
    }

    private static async Task<JsonElement> RecipientAsync(WhatsAppTenant tenant, Guid id, string phone)
    {
        var page = await BroadcastTests.GetJsonAsync(tenant, $"/api/whatsapp/broadcasts/{id}/recipients");
        return page.GetProperty("recipients").EnumerateArray().Single(r => r.GetProperty("contactPhone").GetString() == phone);
    }

    /// <summary>The contact's broadcast message as the chat (API and dashboard) shows it: once, as its latest try.</summary>
    private static async Task<JsonElement> ChatMessageAsync(WhatsAppTenant tenant, string contact)
    {
        var page = await BroadcastTests.GetJsonAsync(tenant, $"/api/whatsapp/conversations/{ConversationKey.IdFor(tenant.Consultant.Id, contact)}/messages");
        return page.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("origin").GetString() == "broadcast");
    }

    private static string InItalian(string reason)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("it-IT");
        try
        {
            return new ServiceMessages(new StringLocalizer<SharedText>(
                new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance))).Translate(reason);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    private IReadOnlyList<FakeTwilioMessage> Broadcasts(string phone) =>
        SentTo(phone).Where(m => m.Body.StartsWith("Marketing news.", StringComparison.Ordinal)).ToList();
}
