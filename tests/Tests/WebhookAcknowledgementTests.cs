using System.Net;
using Consultant.Grains.Abstractions;
using Consultant.TestSupport;
using Npgsql;

namespace Consultant.Tests;

/// <summary>
/// What a webhook's 200 waits for, lever by lever (issue 20, <c>Acknowledgement:*</c>): the conversation's grain-state
/// row and its list row are held locked by the test, so a write to either cannot finish; the acknowledgement comes
/// only when every write it waits for can. And a conversation acknowledged on a silo with one buffer and answered
/// after a stop by a silo with the other.
/// </summary>
public sealed class WebhookAcknowledgementTests : PipelineFixture
{
    /// <summary>Ample for an acknowledgement that waits for nothing locked, on a busy machine.</summary>
    private static readonly TimeSpan AcknowledgedWithin = TimeSpan.FromSeconds(30);

    /// <summary>A wait that a blocked acknowledgement cannot end, however fast the machine (the locks are held).</summary>
    private static readonly TimeSpan StillWaitingAfter = TimeSpan.FromSeconds(3);

    [TestCase(true, true)]
    [TestCase(true, false)]
    [TestCase(false, true)]
    [TestCase(false, false)]
    public async Task The_acknowledgement_waits_for_the_message_row_only_when_both_levers_are_on(bool listRowAfter, bool tableIsTheBuffer)
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        await using var host = new SiloHost(connectionString, Twilio.BaseUrl, "acknowledgement",
            settings: AcknowledgementLevers.Apply(Settings(DebounceSeconds), listRowAfter, tableIsTheBuffer));
        host.StartServer();
        using var tenant = await NewTenantAsync(host: host);
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Locked Lou", phone, "Patience");
        await SendAsync(tenant, phone, "first, answered before the locks", host: host);
        await WaitForRepliesAsync(phone, 1);
        await WaitUntilSettledAsync(tenant, phone, connectionString: connectionString);

        Task<HttpResponseMessage> acknowledgement;
        await using (var locks = await RowLocks.TakeAsync(connectionString, tenant.Consultant.Id, phone))
        {
            acknowledgement = SendAsync(tenant, phone, "second, a new burst", host: host);
            var bothOn = listRowAfter && tableIsTheBuffer;
            var finished = await Task.WhenAny(acknowledgement, Task.Delay(bothOn ? AcknowledgedWithin : StillWaitingAfter));
            Assert.That(finished == acknowledgement, Is.EqualTo(bothOn),
                bothOn ? "acknowledged while the state and list rows were locked" : "the acknowledgement waits for a locked row");
        }

        Assert.That((await acknowledgement).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await WaitForRepliesAsync(phone, 2);
        var summary = await WaitUntilSettledAsync(tenant, phone, s => s.MessageCount == 4, connectionString);
        Assert.That(SentTo(phone), Has.Count.EqualTo(2), "each burst answered once");
        Assert.That((summary.UnreadByConsultant, summary.NeedsReply), Is.EqualTo((2, false)), "the list row written after the locks, right");
    }

    [TestCase(false, true)]
    [TestCase(true, false)]
    public async Task A_message_acknowledged_before_a_stop_is_answered_once_when_the_next_silo_uses_the_other_buffer(
        bool tableIsTheBufferBefore, bool tableIsTheBufferAfter)
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        WhatsAppTenant tenant;
        var phone = NewContactPhone();
        await using (var first = new SiloHost(connectionString, Twilio.BaseUrl, "switch",
                         settings: AcknowledgementLevers.Apply(Settings("300"), listRowAfter: true, tableIsTheBufferBefore)))
        {
            first.StartServer();
            tenant = await NewTenantAsync(host: first);
            await AddClientAsync(tenant, "Switching Sam", phone, "Stamina");
            Assert.That((await SendAsync(tenant, phone, "STOP", host: first)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await SendAsync(tenant, phone, "one more thing before the switch", host: first)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(SentTo(phone), Is.Empty, "the 5-minute debounce has not fired");
        }

        await using var second = new SiloHost(connectionString, Twilio.BaseUrl, "switch",
            settings: AcknowledgementLevers.Apply(Settings(DebounceSeconds), listRowAfter: true, tableIsTheBufferAfter));
        second.StartServer();
        await WaitForRepliesAsync(phone, 1);
        var summary = await WaitUntilSettledAsync(tenant, phone, connectionString: connectionString);

        Assert.That(SentTo(phone), Has.Count.EqualTo(1), "one answer to the burst: the opt-out's confirmation");
        Assert.That(Ai.Requests.Any(r => r.AllText.Contains("one more thing before the switch")), Is.False, "opted out: no AI reply");
        Assert.That((summary.MessageCount, summary.UnreadByConsultant), Is.EqualTo((3, 2)), "both messages counted once, and the confirmation");
        Assert.That(await Db.ScalarAsync<bool>(connectionString, "SELECT opted_out FROM conversations WHERE contact_phone = @p", ("p", phone)), Is.True);
        tenant.Dispose();
    }

    private Dictionary<string, string> Settings(string debounceSeconds) => new()
    {
        ["WhatsApp:DebounceSeconds"] = debounceSeconds,
        ["Ai:Endpoint"] = Ai.Endpoint.ToString(),
    };

    /// <summary>The conversation's grain-state row and list row, locked in a transaction until disposed.</summary>
    private sealed class RowLocks : IAsyncDisposable
    {
        private readonly NpgsqlConnection connection;
        private readonly NpgsqlTransaction transaction;

        private RowLocks(NpgsqlConnection connection, NpgsqlTransaction transaction) => (this.connection, this.transaction) = (connection, transaction);

        public static async Task<RowLocks> TakeAsync(string connectionString, Guid consultantId, string phone)
        {
            var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            var transaction = await connection.BeginTransactionAsync();
            var locks = new RowLocks(connection, transaction);
            Assert.That(await locks.LockAsync("SELECT 1 FROM orleans_storage WHERE grain_id_ext = @key FOR UPDATE",
                ("key", ConversationKey.Format(consultantId, phone))), Is.GreaterThanOrEqualTo(1), "the conversation's grain state is stored");
            Assert.That(await locks.LockAsync("SELECT 1 FROM conversations WHERE consultant_id = @c AND contact_phone = @p FOR UPDATE",
                ("c", consultantId), ("p", phone)), Is.EqualTo(1), "the conversation has its list row");
            return locks;
        }

        private async Task<int> LockAsync(string sql, params (string Name, object Value)[] parameters)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            var rows = 0;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows++;
            }

            return rows;
        }

        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
