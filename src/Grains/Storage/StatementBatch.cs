using Dapper;
using Npgsql;

namespace Consultant.Grains.Storage;

/// <summary>
/// Several statements sent in one round trip. On the hot path the cost is per round trip, not per statement (see
/// bench/NOTES.md). Without a transaction Npgsql ends the batch with one Sync, so PostgreSQL runs it as one implicit
/// transaction: all statements commit together or none does, and a transaction-scoped lock taken by the first holds
/// until the last has run. Parameters are named (<c>@name</c>) and written as the Dapper statements beside it write them.
/// </summary>
public sealed class StatementBatch : IAsyncDisposable
{
    private readonly NpgsqlBatch batch;

    public StatementBatch(NpgsqlConnection connection, NpgsqlTransaction? transaction = null)
    {
        batch = connection.CreateBatch();
        batch.Transaction = transaction;
    }

    public StatementBatch Add(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, AsWritten(value));
        }

        batch.BatchCommands.Add(command);
        return this;
    }

    /// <summary>Runs every statement and returns the rows of the first that returns any columns (a SELECT or RETURNING).</summary>
    public async Task<IReadOnlyList<T>> QueryAsync<T>(CancellationToken cancellationToken = default)
    {
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (reader.FieldCount == 0 && await reader.NextResultAsync(cancellationToken))
        {
        }

        var rows = reader.FieldCount == 0 ? [] : reader.Parse<T>().ToList();
        while (await reader.NextResultAsync(cancellationToken))
        {
        }

        return rows;
    }

    public Task<int> ExecuteAsync(CancellationToken cancellationToken = default) => batch.ExecuteNonQueryAsync(cancellationToken);

    public ValueTask DisposeAsync() => batch.DisposeAsync();

    /// <summary>As the Dapper statements write values (Storage/DapperTypeHandlers): text without NUL, instants in UTC.</summary>
    private static object AsWritten(object? value) => value switch
    {
        null => DBNull.Value,
        string text => DatabaseText.Clean(text)!,
        DateTimeOffset instant => instant.UtcDateTime,
        _ => value,
    };
}
