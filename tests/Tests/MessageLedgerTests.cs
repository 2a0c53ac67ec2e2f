using System.Net.Http.Json;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Inbox;
using Consultant.TestSupport;

namespace Consultant.Tests;

/// <summary>The ledger of messages: each outbound message says who wrote it, each AI call what it cost and how long it took.</summary>
public sealed class MessageLedgerTests : PipelineFixture
{
    [Test]
    public async Task Each_outbound_message_carries_its_origin_and_each_ai_call_its_tokens_latency_and_contact()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Ledger Lea", phone, "Run 5 km");

        await SendAsync(tenant, phone, "How is my plan going?");
        await WaitForRepliesAsync(phone, 1);
        await WaitUntilSettledAsync(tenant, phone);
        var byHand = await tenant.Consultant.Http.PostAsJsonAsync(
            $"/api/whatsapp/conversations/{ConversationKey.IdFor(tenant.Consultant.Id, phone)}/send", new { messageText = "Written by hand" });
        byHand.EnsureSuccessStatusCode();
        await SendAsync(tenant, phone, "STOP");
        await WaitForRepliesAsync(phone, 3);
        await WaitUntilSettledAsync(tenant, phone);

        var origins = await Db.ScalarAsync<string>(ConnectionString,
            """
            SELECT string_agg(direction || ':' || coalesce(origin, '-'), ' ' ORDER BY created_at, part_index)
              FROM messages WHERE consultant_id = @c AND contact_phone = @p
            """,
            ("c", tenant.Consultant.Id), ("p", phone));
        Assert.That(origins, Is.EqualTo("inbound:- outbound:ai outbound:consultant inbound:- outbound:system"),
            "the AI's reply, the consultant's message and the STOP confirmation, each with its origin; inbound without one");
        var shown = await tenant.Consultant.Http.GetFromJsonAsync<MessagePage>(
            $"/api/whatsapp/conversations/{ConversationKey.IdFor(tenant.Consultant.Id, phone)}/messages");
        Assert.That(string.Join(" ", shown!.Items.Select(m => m.Origin ?? "-")), Is.EqualTo("system - consultant ai -"),
            "the dashboard and the API show who wrote each message (the STOP confirmation is not the AI's)");

        // The fake AI reports usage as OpenAI's wire format does (prompt_tokens 10, completion_tokens 5).
        var calls = await Db.ScalarAsync<string>(ConnectionString,
            """
            SELECT string_agg(format('%s %s/%s %s %s', outcome, input_tokens, output_tokens, (latency_ms >= 0)::text, contact_phone), ', ')
              FROM ai_key_rotation_log WHERE consultant_id = @c
            """,
            ("c", tenant.Consultant.Id));
        Assert.That(calls, Is.EqualTo($"ok 10/5 true {phone}"), "one AI call (the STOP confirmation needs none)");
    }

    [Test]
    public async Task A_failed_ai_call_is_in_the_ledger_with_its_latency_and_no_tokens()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Failing Fay", phone, "Sleep");
        Ai.FailWhen(request => request.AllText.Contains("unlucky question", StringComparison.Ordinal), 500);

        await SendAsync(tenant, phone, "An unlucky question");
        await WaitUntilSettledAsync(tenant, phone);

        var calls = await Db.ScalarAsync<string>(ConnectionString,
            """
            SELECT string_agg(format('%s %s/%s %s', outcome, coalesce(input_tokens, -1), coalesce(output_tokens, -1), (latency_ms IS NOT NULL)::text), ', ')
              FROM ai_key_rotation_log WHERE consultant_id = @c
            """,
            ("c", tenant.Consultant.Id));
        Assert.That(calls, Is.EqualTo("error -1/-1 true, error -1/-1 true, error -1/-1 true"), "three attempts (Ai:MaxAttempts), none with tokens");
    }
}
