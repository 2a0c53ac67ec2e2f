using System.Net;
using Consultant.Grains.Abstractions;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>
/// Restarts, polling beside the webhook, and webhooks acknowledged while the AI is busy; with issue 20's
/// acknowledgement levers on and off.
/// </summary>
[TestFixture(true)]
[TestFixture(false)]
public sealed class PipelineRecoveryTests(bool acknowledgementLevers) : PipelineFixture(acknowledgementLevers)
{
    [Test]
    public async Task A_silo_stopped_after_the_200_and_before_the_timer_answers_exactly_once_after_restart()
    {
        // A separate cluster and database: this test stops and starts its own silos.
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        var settings = (string debounce) => WithLevers(new Dictionary<string, string>
        {
            ["WhatsApp:DebounceSeconds"] = debounce,
            ["Ai:Endpoint"] = Ai.Endpoint.ToString(),
        });
        string phone;
        WhatsAppTenant tenant;
        var sid = FakeTwilio.NewSid();
        await using (var first = new SiloHost(connectionString, Twilio.BaseUrl, "restart", settings: settings("300")))
        {
            first.StartServer();
            tenant = await NewTenantAsync(host: first);
            phone = NewContactPhone();
            await AddClientAsync(tenant, "Restart Rosa", phone, "Mobility");
            Assert.That((await SendAsync(tenant, phone, "sent just before the crash", sid, first)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(SentTo(phone), Is.Empty, "the 5-minute debounce has not fired");
        }

        // As if the silo had died before the list row (written after the 200 when so configured) was written.
        await Db.ExecuteAsync(connectionString, $"DELETE FROM conversations WHERE contact_phone = '{phone}'");
        await using var second = new SiloHost(connectionString, Twilio.BaseUrl, "restart", settings: settings(DebounceSeconds));
        second.StartServer();
        Assert.That((await SendAsync(tenant, phone, "sent just before the crash", sid, second)).StatusCode, Is.EqualTo(HttpStatusCode.OK),
            "Twilio's retry of the same message (its 200 lost in the crash)");
        await WaitForRepliesAsync(phone, 1);
        var summary = await WaitUntilSettledAsync(tenant, phone, connectionString: connectionString);

        Assert.That(SentTo(phone), Has.Count.EqualTo(1));
        Assert.That(Ai.Requests.Count(r => r.AllText.Contains("sent just before the crash")), Is.EqualTo(1));
        Assert.That(await Db.ScalarAsync<long>(connectionString, "SELECT count(*) FROM messages WHERE twilio_sid = @s", ("s", sid)), Is.EqualTo(1));
        Assert.That((summary.Exists, summary.MessageCount, summary.UnreadByConsultant), Is.EqualTo((true, 2, 1)),
            "the list row is back, the message counted once (one in, one out)");
        tenant.Dispose();
    }

    [Test]
    public async Task A_silo_stopped_between_the_twilio_send_and_recording_it_sends_that_part_once_more_and_never_asks_the_ai_again()
    {
        // The bound the idempotency key gives: a part Twilio accepted but whose sid was not recorded is sent again
        // when the batch resumes (at most one duplicate per part per crash); the AI is not asked twice.
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        var settings = WithLevers(new Dictionary<string, string> { ["WhatsApp:DebounceSeconds"] = DebounceSeconds, ["Ai:Endpoint"] = Ai.Endpoint.ToString() });
        string phone;
        WhatsAppTenant tenant;
        // The first silo gives up on Twilio after 3 s: the held send then fails while the silo is already stopping,
        // as the process would be gone, and stopping does not wait the default 30 s for it.
        var firstSettings = new Dictionary<string, string>(settings) { ["Twilio:TimeoutSeconds"] = "3" };
        await using (var first = new SiloHost(connectionString, Twilio.BaseUrl, "send-crash", settings: firstSettings))
        {
            first.StartServer();
            tenant = await NewTenantAsync(host: first);
            phone = NewContactPhone();
            await AddClientAsync(tenant, "Crash Carl", phone, "Cycle");
            var held = Twilio.HoldNextSendResponse();
            await SendAsync(tenant, phone, "answer me across a crash", host: first);
            await WaitForRepliesAsync(phone, 1); // Twilio has it; the response (and so the sid) is held
            await first.DisposeAsync(); // stops while the send is unrecorded
            held.SetResult();
        }

        await using var second = new SiloHost(connectionString, Twilio.BaseUrl, "send-crash", settings: settings);
        second.StartServer();
        await WaitForRepliesAsync(phone, 2);
        await WaitUntilSettledAsync(tenant, phone, connectionString: connectionString);

        var sent = SentTo(phone);
        Assert.That(sent, Has.Count.EqualTo(2), "exactly one duplicate");
        Assert.That(sent[1].Body, Is.EqualTo(sent[0].Body));
        Assert.That(Ai.Requests.Count(r => r.AllText.Contains("answer me across a crash")), Is.EqualTo(1));
        Assert.That(await Db.ScalarAsync<long>(connectionString, "SELECT count(*) FROM messages WHERE contact_phone = @p AND direction = 'outbound'", ("p", phone)), Is.EqualTo(1));
        tenant.Dispose();
    }

    [Test]
    public async Task An_ai_call_that_times_out_is_retried_and_the_batch_is_answered_once()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        await using var host = new SiloHost(connectionString, Twilio.BaseUrl, "ai-timeout", settings: WithLevers(new Dictionary<string, string>
        {
            ["WhatsApp:DebounceSeconds"] = DebounceSeconds,
            ["Ai:Endpoint"] = Ai.Endpoint.ToString(),
            ["Ai:TimeoutSeconds"] = "1",
        }));
        host.StartServer();
        using var tenant = await NewTenantAsync(host: host);
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Patient Pat", phone, "Balance");
        var stuck = Ai.HoldNextReply(); // the first call never answers in time

        await SendAsync(tenant, phone, "are you slow today?", host: host);
        await WaitForRepliesAsync(phone, 1);
        await WaitUntilSettledAsync(tenant, phone, connectionString: connectionString);
        stuck.SetResult("far too late");

        Assert.That(Ai.Requests.Count(r => r.AllText.Contains("are you slow today?")), Is.EqualTo(2), "timed out once, then answered");
        Assert.That(SentTo(phone), Has.Count.EqualTo(1));
        Assert.That(SentTo(phone).Single().Body, Is.Not.EqualTo("far too late"));
    }

    [Test]
    public async Task With_postgresql_stopped_for_30_seconds_webhooks_get_503_nothing_is_lost_and_all_is_answered_after()
    {
        await using var postgres = await OwnPostgres.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var host = new SiloHost(connectionString, Twilio.BaseUrl, "outage", settings: WithLevers(new Dictionary<string, string>
        {
            ["WhatsApp:DebounceSeconds"] = DebounceSeconds,
            ["Ai:Endpoint"] = Ai.Endpoint.ToString(),
        }));
        host.StartServer();
        using var tenant = await NewTenantAsync(host: host);
        var before = NewContactPhone();
        var during = NewContactPhone();
        await AddClientAsync(tenant, "Before Bo", before, "Row");
        await AddClientAsync(tenant, "During Di", during, "Row");

        // Acknowledged just before the outage: its answer falls into it.
        Assert.That((await SendAsync(tenant, before, "sent just before the outage", host: host)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await postgres.StopAsync();

        // Webhooks keep arriving for 30 seconds: each is refused, so Twilio keeps it and retries.
        var sid = FakeTwilio.NewSid();
        var outageEnds = DateTime.UtcNow.AddSeconds(30);
        var refusals = 0;
        while (DateTime.UtcNow < outageEnds)
        {
            var response = await SendAsync(tenant, during, "sent during the outage", sid, host);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "nothing can be stored, so nothing is acknowledged");
            refusals++;
            await Task.Delay(TimeSpan.FromSeconds(1)); // Twilio's retry pace, not a wait for a result
        }

        await postgres.StartAgainAsync();
        await Poll.UntilAsync(async () => (await SendAsync(tenant, during, "sent during the outage", sid, host)).StatusCode,
            status => status == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "Twilio's retry to be stored");

        await Poll.UntilAsync(() => Task.FromResult(SentTo(before).Count + SentTo(during).Count), n => n >= 2, TimeSpan.FromSeconds(120), "both answered");
        await WaitUntilSettledAsync(tenant, before, connectionString: connectionString);
        await WaitUntilSettledAsync(tenant, during, connectionString: connectionString);
        Assert.That(refusals, Is.GreaterThan(5));
        Assert.That(SentTo(before), Has.Count.EqualTo(1));
        Assert.That(SentTo(during), Has.Count.EqualTo(1));
        Assert.That(await Db.ScalarAsync<long>(connectionString, "SELECT count(*) FROM messages WHERE twilio_sid = @s", ("s", sid)), Is.EqualTo(1));
    }

    [Test]
    public async Task The_recovery_sweep_answers_a_stored_message_its_conversation_state_never_held()
    {
        // As if the state write failed after the insert and Twilio then gave up retrying the webhook.
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Orphan Olga", phone, "Sleep better");
        await Db.ScalarAsync<Guid>(ConnectionString,
            """
            INSERT INTO messages (id, consultant_id, contact_phone, direction, sender, body, twilio_sid, status, created_at)
            VALUES (gen_random_uuid(), @c, @p, 'inbound', 'client', 'stored but never buffered', 'SMorphan' || @p, 'received', now())
            RETURNING id
            """,
            ("c", tenant.Consultant.Id), ("p", phone));

        var sweep = Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IRecoverySweepGrain>(0);
        Assert.That(await sweep.SweepAsync(TimeSpan.Zero), Is.GreaterThanOrEqualTo(1));
        await WaitForRepliesAsync(phone, 1);
        await WaitUntilSettledAsync(tenant, phone);

        Assert.That(Ai.Requests.Count(r => r.AllText.Contains("stored but never buffered")), Is.EqualTo(1));
        Assert.That(await CountAsync("SELECT count(*) FROM messages WHERE contact_phone = @p AND direction = 'inbound' AND handled_at IS NULL", ("p", phone)), Is.Zero);
        await sweep.SweepAsync(TimeSpan.Zero);
        Assert.That(SentTo(phone), Has.Count.EqualTo(1), "a second sweep finds nothing owed");
    }

    [Test]
    public async Task Polling_and_the_webhook_deliver_one_message_once()
    {
        using var tenant = await NewTenantAsync(mode: "polling");
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Poll Paula", phone, "Save for a house");
        var sid = Twilio.AddInbound(tenant.AccountSid, phone, tenant.Number, "did you get this?", DateTimeOffset.UtcNow);

        Assert.That((await SendAsync(tenant, phone, "did you get this?", sid)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var poller = Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IWhatsAppPollerGrain>(tenant.Consultant.Id);
        Assert.That(await poller.PollNowAsync(CancellationToken.None), Is.Zero, "already delivered by the webhook");

        await WaitForRepliesAsync(phone, 1);
        await WaitUntilSettledAsync(tenant, phone);
        Assert.That(await poller.PollNowAsync(CancellationToken.None), Is.Zero);
        Assert.That(await CountAsync("SELECT count(*) FROM messages WHERE twilio_sid = @s", ("s", sid)), Is.EqualTo(1));
        Assert.That(SentTo(phone), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task The_poller_hands_new_inbound_messages_to_the_pipeline()
    {
        using var tenant = await NewTenantAsync(mode: "polling");
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Polled Pete", phone, "Run 5 km");
        var sid = Twilio.AddInbound(tenant.AccountSid, phone, tenant.Number, "only Twilio knows this one", DateTimeOffset.UtcNow);
        var otherPhone = NewContactPhone();
        Twilio.AddInbound(tenant.AccountSid, otherPhone, "+19990001111", "another consultant's number", DateTimeOffset.UtcNow);

        // The poller may already have polled on its own since polling was switched on: whichever poll takes the
        // message, it is stored once and answered once (so the count this call returns is not asserted).
        var poller = Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IWhatsAppPollerGrain>(tenant.Consultant.Id);
        await poller.PollNowAsync(CancellationToken.None);
        await WaitForRepliesAsync(phone, 1);
        await WaitUntilSettledAsync(tenant, phone);

        Assert.That(Ai.Requests.Count(r => r.AllText.Contains("only Twilio knows this one")), Is.EqualTo(1));
        Assert.That(await CountAsync("SELECT count(*) FROM messages WHERE twilio_sid = @s", ("s", sid)), Is.EqualTo(1));
        Assert.That(await CountAsync("SELECT count(*) FROM messages WHERE contact_phone = @p", ("p", otherPhone)), Is.Zero,
            "a message to another number is not this consultant's");
        Assert.That(await poller.PollNowAsync(CancellationToken.None), Is.Zero, "nothing new on the next poll");
        Assert.That(SentTo(phone), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_webhook_is_acknowledged_while_the_ai_is_still_answering_the_previous_batch()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Busy Bea", phone, "Focus");
        var release = Ai.HoldNextReply();

        await SendAsync(tenant, phone, "first burst");
        await Poll.UntilAsync(() => Task.FromResult(Ai.Requests.Count(r => r.AllText.Contains("first burst"))), n => n == 1, TimeSpan.FromSeconds(60), "the AI call");

        var second = await SendAsync(tenant, phone, "second burst while you think");
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(release.Task.IsCompleted, Is.False, "acknowledged while the AI reply was still held");

        release.SetResult("Answer to the first burst");
        var replies = await WaitForRepliesAsync(phone, 2);
        await WaitUntilSettledAsync(tenant, phone);
        Assert.That(replies[0].Body, Is.EqualTo("Answer to the first burst"));
        var secondCall = Ai.Requests.Last(r => r.AllText.Contains("second burst"));
        Assert.That(secondCall.Messages[^1].Content, Is.EqualTo("second burst while you think"));
        Assert.That(SentTo(phone), Has.Count.EqualTo(2));
    }
}
