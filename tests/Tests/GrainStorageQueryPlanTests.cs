using Consultant.Grains.Storage;
using Consultant.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Consultant.Tests;

/// <summary>
/// The provider's grain-state statements touch one row, also once PostgreSQL caches a generic plan for them (Npgsql
/// prepares a statement after five uses on a connection). A plan that matched only part of the identity read every
/// conversation's row for each activation: about a second each with 25,000 conversations in the follow-up bench.
/// </summary>
public sealed class GrainStorageQueryPlanTests
{
    private const int Conversations = 2000;
    private const string ServiceId = "plan-test";
    private NpgsqlDataSource database = null!;

    [OneTimeSetUp]
    public async Task CreateConversationsAsync()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        DatabaseMigrator.Migrate(connectionString, NullLogger.Instance);
        database = NpgsqlDataSource.Create(connectionString);
        await using var insert = database.CreateCommand(
            """
            INSERT INTO orleans_storage (service_id, grain_type_string, grain_id_n0, grain_id_n1, grain_id_ext, grain_id_hash, grain_type_hash, payload, version)
            SELECT @service, 'conversation', 0, 0, 'c/' || n, n, 1, '\x7b7d'::bytea, 1 FROM generate_series(1, @count) n
            UNION ALL
            SELECT @service, 'consultant', n, n * 7, NULL, n, 2, '\x7b7d'::bytea, 1 FROM generate_series(1, @count / 2) n
            """);
        insert.Parameters.AddWithValue("service", ServiceId);
        insert.Parameters.AddWithValue("count", Conversations);
        await insert.ExecuteNonQueryAsync(); // the statistics of a real deployment: they made the planner pick the bad plan
        await using var analyze = database.CreateCommand("ANALYZE orleans_storage");
        await analyze.ExecuteNonQueryAsync();
    }

    [OneTimeTearDown]
    public async Task CloseAsync() => await database.DisposeAsync();

    [TestCase("ReadFromStorageKey", "c/17", 1, 1)]
    [TestCase("ReadFromStorageKey", null, 1, 1)]
    [TestCase("ClearStorageKey", "c/18", 1, 1)]
    [TestCase("ClearStorageKey", "c/19", 5, 0)]
    [TestCase("DeleteStorageKey", "c/20", 1, 1)]
    [TestCase("DeleteStorageKey", null, 1, 1)]
    public async Task A_statement_with_a_generic_plan_reads_only_the_grains_row(string queryKey, string? extension, int version, int expectedRows)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync(); // rolled back: each case sees the same rows
        await ExecuteAsync(connection, "SET LOCAL plan_cache_mode = force_generic_plan");
        var fetchedBefore = await RowsFetchedAsync(connection);

        await using var command = new NpgsqlCommand(await QueryTextAsync(connection, queryKey), connection);
        command.Parameters.AddWithValue("ServiceId", ServiceId);
        command.Parameters.AddWithValue("GrainTypeString", extension is null ? "consultant" : "conversation");
        command.Parameters.AddWithValue("GrainIdN0", extension is null ? 7L : 0L); // consultant 7: N0 = 7, N1 = 49
        command.Parameters.AddWithValue("GrainIdN1", extension is null ? 49L : 0L);
        command.Parameters.AddWithValue("GrainIdExtensionString", NpgsqlTypes.NpgsqlDbType.Text, (object?)extension ?? DBNull.Value);
        command.Parameters.AddWithValue("GrainStateVersion", version);
        await command.PrepareAsync();
        var rows = 0;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows++;
            }
        }

        Assert.That(rows, Is.EqualTo(expectedRows), "one row, or none when the version does not match");
        Assert.That(await RowsFetchedAsync(connection) - fetchedBefore, Is.LessThanOrEqualTo(2),
            $"rows of orleans_storage fetched for one grain (there are {Conversations} conversations)");
    }

    private static async Task<string> QueryTextAsync(NpgsqlConnection connection, string queryKey)
    {
        await using var command = new NpgsqlCommand("SELECT querytext FROM orleansquery WHERE querykey = @key", connection);
        command.Parameters.AddWithValue("key", queryKey);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Rows this transaction fetched from the table through an index or a scan.</summary>
    private static async Task<long> RowsFetchedAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(idx_tup_fetch, 0) + coalesce(seq_tup_read, 0) FROM pg_stat_xact_user_tables WHERE relname = 'orleans_storage'",
            connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
