using System.Diagnostics;
using Npgsql;

namespace Consultant.Bench;

/// <summary>
/// The database's own ceiling on this machine: single-row inserts, each its own durable commit (synchronous_commit
/// on, as the product's), at a fixed concurrency, with no application in between. The product's acknowledgements
/// are read against this (issue 20: at least a quarter of it).
/// </summary>
internal static class RawPostgresInserts
{
    public static async Task<(LatencyStats Stats, double PerSecond)> RunAsync(string connectionString, int inserts, int concurrency)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = Math.Max(concurrency, 10), MaxAutoPrepare = 16 };
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await using (var create = dataSource.CreateCommand(
            """
            CREATE TABLE IF NOT EXISTS bench_raw_inserts (
                id bigserial PRIMARY KEY,
                consultant_id uuid NOT NULL,
                message_sid text NOT NULL UNIQUE,
                body text NOT NULL,
                received_at timestamptz NOT NULL DEFAULT now())
            """))
        {
            await create.ExecuteNonQueryAsync();
        }

        var consultant = Guid.NewGuid();
        var latencies = new double[inserts];
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < inserts)
            {
                var one = Stopwatch.StartNew();
                await using var connection = await dataSource.OpenConnectionAsync();
                await using var insert = new NpgsqlCommand(
                    "INSERT INTO bench_raw_inserts (consultant_id, message_sid, body) VALUES ($1, $2, $3)", connection);
                insert.Parameters.AddWithValue(consultant);
                insert.Parameters.AddWithValue("SM" + Guid.NewGuid().ToString("N"));
                insert.Parameters.AddWithValue($"load {i}");
                await insert.ExecuteNonQueryAsync();
                latencies[i] = one.Elapsed.TotalMilliseconds;
            }
        }));
        return (new LatencyStats(latencies), inserts / watch.Elapsed.TotalSeconds);
    }
}
