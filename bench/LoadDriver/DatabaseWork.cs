using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace Consultant.Bench;

/// <summary>
/// One kind of statement's share of a phase: calls and executor time per webhook, and how many of those calls
/// PostgreSQL planned (a prepared statement is planned again while its plan is custom: its first five runs on a
/// connection, or for good when the generic plan looks costlier).
/// </summary>
internal sealed record StatementShare(string Statement, double CallsPerWebhook, double MillisecondsPerWebhook, double PlansPerWebhook);

/// <summary>
/// What PostgreSQL did for a phase, divided by the webhooks of that phase: transactions committed, WAL flushes (each
/// a wait for the disk, the durable commits' cost), and, when the server preloads <c>pg_stat_statements</c> (bench/run.sh
/// does), the statements by executor time. Read over a closed loop and the answering of its messages, it says what one
/// inbound message costs the database, replies included: the figure each lever of issue 20 moves.
/// </summary>
internal sealed record DatabaseWork(double CommitsPerWebhook, double WalFlushesPerWebhook, double StatementsPerWebhook,
    double StatementMillisecondsPerWebhook, double PlansPerWebhook, IReadOnlyList<StatementShare> Top)
{
    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"{CommitsPerWebhook:0.0} commits · {WalFlushesPerWebhook:0.0} WAL flushes · {StatementsPerWebhook:0} statements ({StatementMillisecondsPerWebhook:0.0} ms), {PlansPerWebhook:0.0} planned");

    /// <summary>
    /// Runs <paramref name="phase"/> and reads the counters of <paramref name="connectionString"/>'s database around it.
    /// The phase starts right after a checkpoint, so every row's loop pays the same: the first change of each page after
    /// a checkpoint writes the whole page to the WAL, and a timed checkpoint (every 5 minutes) no longer falls inside
    /// one row's loop and not another's by chance.
    /// </summary>
    public static async Task<(T Result, DatabaseWork Work)> MeasureAsync<T>(string connectionString, int webhooks, Func<Task<T>> phase)
    {
        await CheckpointAsync(connectionString);
        var statementsAvailable = await TryEnableStatementsAsync(connectionString);
        var before = await Counters.ReadAsync(connectionString, statementsAvailable);
        var result = await phase();
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // backends report their counters at most once a second
        var after = await Counters.ReadAsync(connectionString, statementsAvailable);

        var statements = after.Statements
            .Select(s => (s.Key, Calls: s.Value.Calls - before.Statements.GetValueOrDefault(s.Key).Calls,
                Ms: s.Value.Ms - before.Statements.GetValueOrDefault(s.Key).Ms,
                Plans: s.Value.Plans - before.Statements.GetValueOrDefault(s.Key).Plans))
            .Where(s => s.Calls > 0)
            .GroupBy(s => Label(s.Key))
            .Select(g => new StatementShare(g.Key, (double)g.Sum(s => s.Calls) / webhooks, g.Sum(s => s.Ms) / webhooks, (double)g.Sum(s => s.Plans) / webhooks))
            .OrderByDescending(s => s.MillisecondsPerWebhook)
            .ToList();
        await WriteAllAsync(statements);
        return (result, new DatabaseWork(
            (double)(after.Commits - before.Commits) / webhooks,
            (double)(after.WalFlushes - before.WalFlushes) / webhooks,
            statements.Sum(s => s.CallsPerWebhook),
            statements.Sum(s => s.MillisecondsPerWebhook),
            statements.Sum(s => s.PlansPerWebhook),
            statements.Take(15).ToList()));
    }

    /// <summary>The statements as a Markdown table, the costliest first.</summary>
    public string Table()
    {
        var table = new StringBuilder();
        if (Top.Count == 0)
        {
            return "(statements not recorded: the server does not preload pg_stat_statements)\n";
        }

        table.AppendLine("| statement (start) | calls per webhook | planned per webhook | ms per webhook | share of statement time |");
        table.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var share in Top)
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| `{share.Statement}` | {share.CallsPerWebhook:0.00} | {share.PlansPerWebhook:0.00} | {share.MillisecondsPerWebhook:0.00} | {share.MillisecondsPerWebhook / StatementMillisecondsPerWebhook:P0} |");
        }

        return table.ToString();
    }

    /// <summary>
    /// Every statement of the phase, the most called first, to the file named by <c>BENCH_ALL_STATEMENTS</c> (unset:
    /// nothing): what a lever that removes statements is looking for, where RESULTS.md shows the fifteen costliest.
    /// </summary>
    private static async Task WriteAllAsync(IReadOnlyList<StatementShare> statements)
    {
        if (Environment.GetEnvironmentVariable("BENCH_ALL_STATEMENTS") is not { Length: > 0 } path)
        {
            return;
        }

        var lines = statements.OrderByDescending(s => s.CallsPerWebhook)
            .Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.CallsPerWebhook,6:0.00} calls {s.PlansPerWebhook,6:0.00} planned {s.MillisecondsPerWebhook,6:0.00} ms  {s.Statement}"));
        await File.AppendAllLinesAsync(path, ["", $"# {DateTimeOffset.UtcNow:u}", .. lines]);
    }

    /// <summary>A statement's first words, enough to find it in the code (whitespace folded, pipes escaped).</summary>
    private static string Label(string query)
    {
        var folded = Regex.Replace(query, @"\s+", " ").Trim().Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal);
        var length = Environment.GetEnvironmentVariable("BENCH_ALL_STATEMENTS") is { Length: > 0 } ? 200 : 90;
        return folded.Length <= length ? folded : folded[..length] + "…";
    }

    private static async Task<bool> TryEnableStatementsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var preloaded = new NpgsqlCommand("SELECT current_setting('shared_preload_libraries') LIKE '%pg_stat_statements%'", connection);
        if (!(bool)(await preloaded.ExecuteScalarAsync())!)
        {
            return false;
        }

        await using var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", connection);
        await create.ExecuteNonQueryAsync();
        return true;
    }

    private sealed record Counters(long Commits, long WalFlushes, IReadOnlyDictionary<string, (long Calls, double Ms, long Plans)> Statements)
    {
        public static async Task<Counters> ReadAsync(string connectionString, bool withStatements)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var counts = new NpgsqlCommand(
                """
                SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()),
                       (SELECT wal_sync FROM pg_stat_wal)
                """, connection);
            long commits, walFlushes;
            await using (var reader = await counts.ExecuteReaderAsync())
            {
                await reader.ReadAsync();
                (commits, walFlushes) = (reader.GetInt64(0), reader.GetInt64(1));
            }

            var statements = new Dictionary<string, (long Calls, double Ms, long Plans)>();
            if (withStatements)
            {
                await using var read = new NpgsqlCommand(
                    """
                    SELECT query, sum(calls)::bigint, sum(total_exec_time), sum(plans)::bigint FROM pg_stat_statements
                     WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) GROUP BY query
                    """, connection);
                await using var reader = await read.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    statements[reader.GetString(0)] = (reader.GetInt64(1), reader.GetDouble(2), reader.GetInt64(3));
                }
            }

            return new Counters(commits, walFlushes, statements);
        }
    }

    /// <summary>Writes every changed page out now (see <see cref="MeasureAsync{T}"/>): a measured phase starts right after.</summary>
    public static async Task CheckpointAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var checkpoint = new NpgsqlCommand("CHECKPOINT", connection) { CommandTimeout = 120 };
        await checkpoint.ExecuteNonQueryAsync();
    }
}
