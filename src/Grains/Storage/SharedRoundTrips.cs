using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Consultant.Grains.Storage;

/// <summary>
/// The hot path's statements, sent together with those of every other caller waiting at the same moment: one round
/// trip and one commit for the group (an <see cref="NpgsqlBatch"/> is one implicit transaction). Measured in
/// bench/NOTES.md: on 2 cores each round trip costs the product and PostgreSQL more than the statement itself. Nobody
/// waits for company: a call goes at once when fewer than <see cref="SharedRoundTripOptions.AtOnce"/> groups are on
/// their way, else with the next group. A caller sees its results only once its group is committed; when a statement of
/// a group fails (the group is rolled back), each call runs again alone, so each caller gets its own outcome as if it
/// had gone alone. A call's statements stay together in one transaction; a caller's own transaction (with work between
/// its statements) keeps its own connection instead. The calls an inbound message's acknowledgement waits for
/// (<see cref="AcknowledgementPath"/>) go first in the next group, the others fill the room left.
/// </summary>
public sealed partial class SharedRoundTrips(
    NpgsqlDataSource dataSource, IOptions<SharedRoundTripOptions> options, ILogger<SharedRoundTrips> logger)
{
    private readonly Lock gate = new();
    private readonly Queue<Call> waiting = new();
    private readonly Queue<Call> acknowledging = new(); // calls an acknowledgement waits for: sent first (AcknowledgementPath)
    private readonly ConcurrentDictionary<CallShape, bool> checkedCalls = new();
    private int groupsOnTheirWay;

    /// <summary>Runs a change that returns no rows; the number of rows it changed.</summary>
    public async Task<int> ExecuteAsync(string sql, object? parameters = null) =>
        (await RunAsync(parameters, SharedStatement.Execute(sql))).Changed(0);

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null) =>
        (await RunAsync(parameters, SharedStatement.Query<T>(sql))).Rows<T>(0);

    public async Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters = null) =>
        (await RunAsync(parameters, SharedStatement.Query<T>(sql))).SingleOrDefault<T>(0);

    public async Task<T> QuerySingleAsync<T>(string sql, object? parameters = null) =>
        (await RunAsync(parameters, SharedStatement.Query<T>(sql))).Single<T>(0);

    /// <summary>Several statements in one transaction (each given the parameters its text names), read in order.</summary>
    public Task<SharedResults> RunAsync(object? parameters, params SharedStatement[] statements)
    {
        try
        {
            StatementParameters.Check(parameters);
        }
        catch (ArgumentException ex)
        {
            return Task.FromException<SharedResults>(ex);
        }

        var call = new Call(statements, parameters, options.Value.AcknowledgementsFirst && AcknowledgementPath.IsCurrent);
        // A call goes alone the first time: alone, its result sets are surely its own, so it is known to return one for
        // each query it declares. A group's result sets are told apart only by their order: a statement declared
        // without rows that returned some would hand them to the next caller.
        if (!options.Value.Enabled || !checkedCalls.ContainsKey(call.Shape))
        {
            return RunAloneAsync(call);
        }

        List<Call>? group;
        lock (gate)
        {
            (call.Acknowledging ? acknowledging : waiting).Enqueue(call);
            group = TakeGroup();
        }

        if (group is not null)
        {
            Send(group);
        }

        return call.Outcome.Task;
    }

    /// <summary>
    /// The next group, when fewer than the allowed are on their way (under the gate): the calls acknowledgements wait
    /// for first, then the others in the room left.
    /// </summary>
    private List<Call>? TakeGroup()
    {
        if (acknowledging.Count + waiting.Count == 0 || groupsOnTheirWay >= options.Value.AtOnce)
        {
            return null;
        }

        groupsOnTheirWay++;
        var group = new List<Call>();
        var statements = 0;
        Fill(acknowledging);
        Fill(waiting);
        return group;

        void Fill(Queue<Call> queue)
        {
            while (queue.TryPeek(out var next) && (group.Count == 0 || statements + next.Statements.Count <= options.Value.MostStatements))
            {
                group.Add(queue.Dequeue());
                statements += next.Statements.Count;
            }
        }
    }

    /// <summary>On the thread pool: a grain's caller must not carry other grains' statements on its own turn.</summary>
    private void Send(List<Call> group) => _ = Task.Run(() => SendAsync(group));

    private async Task SendAsync(List<Call> group)
    {
        try
        {
            await RunTogetherAsync(group);
        }
        finally
        {
            List<Call>? next;
            lock (gate)
            {
                groupsOnTheirWay--;
                next = TakeGroup();
            }

            if (next is not null)
            {
                Send(next);
            }
        }
    }

    private async Task RunTogetherAsync(List<Call> group)
    {
        SharedResults[] results;
        try
        {
            results = await ExecuteAsync(group);
        }
        catch (PostgresException ex) when (group.Count > 1)
        {
            // A statement failed and the group was rolled back: each call again on its own, as if it had gone alone.
            GroupRolledBack(logger, group.Count, ex.SqlState);
            foreach (var call in group)
            {
                try
                {
                    call.Outcome.TrySetResult(await RunAloneAsync(call));
                }
                catch (Exception alone)
                {
                    call.Outcome.TrySetException(alone);
                }
            }

            return;
        }
        catch (Exception ex)
        {
            foreach (var call in group)
            {
                call.Outcome.TrySetException(ex);
            }

            return;
        }

        for (var i = 0; i < group.Count; i++)
        {
            group[i].Outcome.TrySetResult(results[i]);
        }
    }

    private async Task<SharedResults> RunAloneAsync(Call call)
    {
        var results = (await ExecuteAsync([call]))[0];
        checkedCalls.TryAdd(call.Shape, true);
        return results;
    }

    /// <summary>
    /// One batch, one round trip: each query's rows from the next result set (statements without rows have none), each
    /// other statement's count of changed rows once all are read. Every declared query must find a result set and none
    /// may be left over, or the group fails as a whole before anyone is told anything.
    /// </summary>
    private async Task<SharedResults[]> ExecuteAsync(List<Call> calls)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        foreach (var statement in calls.SelectMany(call => call.Statements.Select(s => (s.Sql, call.Parameters))))
        {
            var command = new NpgsqlBatchCommand();
            command.CommandText = StatementParameters.AddTo(command.Parameters, statement.Sql, statement.Parameters);
            batch.BatchCommands.Add(command);
        }

        var values = calls.Select(call => new object?[call.Statements.Count]).ToArray();
        await using (var reader = await batch.ExecuteReaderAsync())
        {
            var onFirstResultSet = true;
            foreach (var (call, i) in calls.Select((call, i) => (call, i)))
            {
                for (var s = 0; s < call.Statements.Count; s++)
                {
                    if (call.Statements[s].Read is not { } read)
                    {
                        continue;
                    }

                    var hasResultSet = onFirstResultSet ? reader.FieldCount > 0 : await reader.NextResultAsync();
                    if (!hasResultSet)
                    {
                        throw new InvalidOperationException("A statement declared as a query returned no rows: run it with ExecuteAsync.");
                    }

                    onFirstResultSet = false;
                    values[i][s] = await read(reader);
                }
            }

            if (onFirstResultSet ? reader.FieldCount > 0 : await reader.NextResultAsync())
            {
                throw new InvalidOperationException("A statement declared without rows returned some: run it as a query.");
            }
        }

        var index = 0;
        foreach (var (call, i) in calls.Select((call, i) => (call, i)))
        {
            for (var s = 0; s < call.Statements.Count; s++, index++)
            {
                if (call.Statements[s].Read is null)
                {
                    values[i][s] = batch.BatchCommands[index].RecordsAffected;
                }
            }
        }

        return [.. values.Select(v => new SharedResults(v))];
    }

    private sealed class Call(IReadOnlyList<SharedStatement> statements, object? parameters, bool acknowledging)
    {
        public IReadOnlyList<SharedStatement> Statements { get; } = statements;

        public bool Acknowledging { get; } = acknowledging;

        public object? Parameters { get; } = parameters;

        /// <summary>What was checked alone: the texts, and which of them were declared as queries.</summary>
        public CallShape Shape { get; } = new(statements);

        public TaskCompletionSource<SharedResults> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// A call's texts in order and which of them are queries, compared text by text (hashed as <see cref="SqlTextComparer"/>
    /// does): joining a call's texts into one string for a key cost an allocation and a hash of every character per call.
    /// </summary>
    private sealed class CallShape(IReadOnlyList<SharedStatement> statements) : IEquatable<CallShape>
    {
        private readonly IReadOnlyList<SharedStatement> statements = statements;
        private readonly int hash = HashOf(statements);

        public bool Equals(CallShape? other)
        {
            if (other is null || other.hash != hash || other.statements.Count != statements.Count)
            {
                return false;
            }

            for (var i = 0; i < statements.Count; i++)
            {
                if ((statements[i].Read is null) != (other.statements[i].Read is null)
                    || !SqlTextComparer.Instance.Equals(statements[i].Sql, other.statements[i].Sql))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => Equals(obj as CallShape);

        public override int GetHashCode() => hash;

        private static int HashOf(IReadOnlyList<SharedStatement> statements)
        {
            var hash = new HashCode();
            foreach (var statement in statements)
            {
                hash.Add(statement.Read is null);
                hash.Add(SqlTextComparer.Instance.GetHashCode(statement.Sql));
            }

            return hash.ToHashCode();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A group of {Count} calls was rolled back ({SqlState}); each runs again alone")]
    private static partial void GroupRolledBack(ILogger logger, int count, string sqlState);
}
