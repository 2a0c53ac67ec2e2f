using System.Data.Common;
using Dapper;

namespace Consultant.Grains.Storage;

/// <summary>
/// One statement of a <see cref="SharedRoundTrips"/> call: a change that returns no rows, or a query (or a change with
/// RETURNING) whose rows are read as <c>T</c> the way Dapper maps them.
/// </summary>
public sealed record SharedStatement(string Sql, Func<DbDataReader, Task<object?>>? Read)
{
    public static SharedStatement Execute(string sql) => new(sql, null);

    public static SharedStatement Query<T>(string sql) => new(sql, ReadAllAsync<T>);

    private static async Task<object?> ReadAllAsync<T>(DbDataReader reader)
    {
        var rows = new List<T>();
        // The untyped parser: Dapper's typed one cannot cast the parser of a type with a handler (string, here).
        var parse = reader.GetRowParser(typeof(T));
        while (await reader.ReadAsync())
        {
            rows.Add(parse(reader) is { } value ? (T)value : default!);
        }

        return rows;
    }
}

/// <summary>What each statement of a <see cref="SharedRoundTrips.RunAsync"/> call gave, by its position in the call.</summary>
public sealed class SharedResults(object?[] results)
{
    public IReadOnlyList<T> Rows<T>(int statement) => (IReadOnlyList<T>)results[statement]!;

    public T? SingleOrDefault<T>(int statement) => Rows<T>(statement) switch
    {
        [] => default,
        [var one] => one,
        _ => throw new InvalidOperationException("The statement returned more than one row."),
    };

    public T Single<T>(int statement) => Rows<T>(statement) is [var one]
        ? one
        : throw new InvalidOperationException("The statement did not return exactly one row.");

    /// <summary>The rows a statement without RETURNING changed.</summary>
    public int Changed(int statement) => (int)results[statement]!;
}
