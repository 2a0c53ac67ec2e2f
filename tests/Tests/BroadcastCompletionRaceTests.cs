using System.Net;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Broadcasts;
using Consultant.TestSupport;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Consultant.Tests;

/// <summary>
/// A broadcast completing (nothing queued) at the moment a late 131049 puts its contact back in the queue never ends
/// completed with the contact queued, which nothing would send (the scheduler wakes only running broadcasts). The
/// interleaving is forced, not hoped for: another connection holds the broadcast's row lock while the completion waits
/// for it and the requeue comes.
/// </summary>
public sealed class BroadcastCompletionRaceTests : PipelineFixture
{
    [Test]
    public async Task A_marketing_limit_retry_queued_while_the_broadcast_completes_keeps_it_running_and_the_contact_is_tried_again()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var contact = NewContactPhone();
        await SendAsync(tenant, contact, "hello");
        await ListedAsync(tenant, [contact]); // the audience is the conversation list
        var id = await BroadcastTests.CreateAsync(tenant, new { name = "Race", audience = new { group = "all" }, messageText = "Marketing news." });
        await BroadcastTests.PostAsync(tenant, $"/api/whatsapp/broadcasts/{id}/start", HttpStatusCode.OK);
        await BroadcastTests.WaitForStatusAsync(tenant, id, "completed");
        var sid = Broadcasts(contact).Single().Sid;

        await using var holder = new NpgsqlConnection(ConnectionString);
        await using var observer = new NpgsqlConnection(ConnectionString); // pg_stat_activity is read once a transaction: not the holder's
        await holder.OpenAsync();
        await observer.OpenAsync();
        await using var rowLock = await LockWhileRunningAsync(holder, id);

        // The sending loop's step that finds nothing queued and completes the broadcast: it waits for the row.
        var completing = Host.Services.GetRequiredService<BroadcastSender>().ClaimAsync(tenant.Consultant.Id, id, 20, checkQuality: false);
        await Poll.UntilAsync(() => WaitingBehindAsync(observer, holder.ProcessID), waiting => waiting >= 1, TimeSpan.FromSeconds(30),
            "the completion to wait for the broadcast's row");
        Assert.That(completing.IsCompleted, Is.False, "the completion waits for the row");

        // The marketing limit's callback comes now: its requeue ends, or waits for the row too.
        var callback = StatusCallbackAsync(tenant, sid, "failed", "131049");
        await Poll.UntilAsync(async () => callback.IsCompleted || await WaitingBehindAsync(observer, holder.ProcessID) >= 2, settled => settled,
            TimeSpan.FromSeconds(30), "the requeue to end or to wait for the broadcast's row");
        await rowLock.RollbackAsync();
        await completing;
        (await callback).EnsureSuccessStatusCode();

        var report = await BroadcastTests.GetJsonAsync(tenant, $"/api/whatsapp/broadcasts/{id}");
        Assert.Multiple(() =>
        {
            Assert.That(report.GetProperty("broadcast").GetProperty("status").GetString(), Is.EqualTo("running"),
                "never completed with a contact queued: nothing would send to it");
            Assert.That(report.GetProperty("counts").GetProperty("queued").GetInt32(), Is.EqualTo(1));
            Assert.That(report.GetProperty("broadcast").GetProperty("finishedAt").ValueKind, Is.EqualTo(JsonValueKind.Null),
                "a broadcast sending again has not ended");
        });

        // The retry's time comes (the clock moved on): the contact is tried again and the broadcast completes.
        await Db.ExecuteAsync(ConnectionString, $"UPDATE whatsapp_broadcast_recipients SET next_attempt_at = now() WHERE broadcast_id = '{id}'");
        await Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IBroadcastGrain>(BroadcastKeys.Of(tenant.Consultant.Id, id)).WakeAsync();
        await Poll.UntilAsync(() => Task.FromResult(Broadcasts(contact).Count), n => n == 2, TimeSpan.FromSeconds(30), "the retry");
        await BroadcastTests.WaitForStatusAsync(tenant, id, "completed");
    }

    /// <summary>
    /// Puts the broadcast back where its loop completes it (running, its one contact sent, nothing queued) and locks its
    /// row, still running: the scheduler's minute may wake the loop and complete it again in between, then it goes again.
    /// </summary>
    private static async Task<NpgsqlTransaction> LockWhileRunningAsync(NpgsqlConnection holder, Guid id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await holder.ExecuteAsync("UPDATE whatsapp_broadcasts SET status = 'running', finished_at = NULL WHERE id = @id", new { id });
            var transaction = await holder.BeginTransactionAsync();
            if (await holder.ExecuteScalarAsync<string>("SELECT status FROM whatsapp_broadcasts WHERE id = @id FOR UPDATE", new { id }, transaction) == "running")
            {
                return transaction;
            }

            await transaction.RollbackAsync();
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the broadcast's row could not be locked while running");
        }
    }

    /// <summary>Sessions waiting, directly or behind another waiter, for a lock the holder's session holds.</summary>
    internal static Task<int> WaitingBehindAsync(NpgsqlConnection observer, int holderPid) =>
        observer.QuerySingleAsync<int>(
            """
            WITH RECURSIVE waiting (pid) AS (
                SELECT @holderPid
                UNION
                SELECT a.pid FROM pg_stat_activity a JOIN waiting w ON w.pid = ANY (pg_blocking_pids(a.pid)))
            SELECT count(*)::int - 1 FROM waiting
            """,
            new { holderPid });

    private IReadOnlyList<FakeTwilioMessage> Broadcasts(string phone) =>
        SentTo(phone).Where(m => m.Body.StartsWith("Marketing news.", StringComparison.Ordinal)).ToList();
}
