using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Npgsql;
using NpgsqlTypes;

namespace Consultant.Grains.Storage;

/// <summary>
/// The parameters of a <see cref="SharedRoundTrips"/> statement from an anonymous object, written as the product's
/// Dapper calls write them (<see cref="DapperTypeHandlers"/>): strings without NUL, instants as UTC timestamptz, a null
/// typed by its property so PostgreSQL need not guess. An enum must say how it is stored (its name or its number).
/// </summary>
internal static class StatementParameters
{
    /// <summary>Per anonymous type: its properties, and the first enum among them (refused), looked at once.</summary>
    private static readonly ConcurrentDictionary<Type, Shape> Shapes = new();

    /// <summary>
    /// Per anonymous type and statement text (one per call site): the properties the text names, each with a compiled
    /// getter, so a call neither searches the text nor reads a property by reflection. The text is hashed cheaply
    /// (<see cref="SqlTextComparer"/>): hashing every character of a long statement on each call was itself a cost.
    /// </summary>
    private static readonly ConcurrentDictionary<(Type Type, string Sql), NamedValue[]> NamedValues = new(new TypeAndText());

    /// <summary>Refuses, before the statement joins anyone's round trip, what it could not write.</summary>
    public static void Check(object? values)
    {
        if (values is not null && ShapeOf(values.GetType()).Enum is { } property)
        {
            throw new ArgumentException(
                $"Parameter {property.Name} is an enum: pass its name or its number, as the column stores it.", property.Name);
        }
    }

    public static void AddTo(NpgsqlParameterCollection parameters, string sql, object? values)
    {
        if (values is null)
        {
            return;
        }

        foreach (var named in NamedValues.GetOrAdd((values.GetType(), sql), key => NamedIn(key.Type, key.Sql)))
        {
            parameters.Add(Parameter(named.Name, named.Type, named.Read(values)));
        }
    }

    private static Shape ShapeOf(Type type) => Shapes.GetOrAdd(type, static type =>
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        return new Shape(properties, properties.FirstOrDefault(property => Underlying(property.PropertyType).IsEnum));
    });

    /// <summary>As Dapper does: only what the text names (an extra one would make PostgreSQL guess its type).</summary>
    private static NamedValue[] NamedIn(Type type, string sql) =>
        [.. ShapeOf(type).Properties
            .Where(property => sql.Contains("@" + property.Name, StringComparison.OrdinalIgnoreCase))
            .Select(property => new NamedValue(property.Name, Underlying(property.PropertyType), Getter(type, property)))];

    private static Type Underlying(Type declared) => Nullable.GetUnderlyingType(declared) ?? declared;

    private static Func<object, object?> Getter(Type type, PropertyInfo property)
    {
        var values = Expression.Parameter(typeof(object), "values");
        var read = Expression.Convert(Expression.Property(Expression.Convert(values, type), property), typeof(object));
        return Expression.Lambda<Func<object, object?>>(read, values).Compile();
    }

    private sealed record Shape(PropertyInfo[] Properties, PropertyInfo? Enum);

    /// <summary>A named property: <paramref name="Type"/> without its Nullable wrapper, for a typed null.</summary>
    private sealed record NamedValue(string Name, Type Type, Func<object, object?> Read);

    private sealed class TypeAndText : IEqualityComparer<(Type Type, string Sql)>
    {
        public bool Equals((Type Type, string Sql) x, (Type Type, string Sql) y) => x.Type == y.Type && SqlTextComparer.Instance.Equals(x.Sql, y.Sql);

        public int GetHashCode((Type Type, string Sql) key) => HashCode.Combine(key.Type, SqlTextComparer.Instance.GetHashCode(key.Sql));
    }

    private static NpgsqlParameter Parameter(string name, Type type, object? value) => value switch
    {
        null => TypedNull(name, type),
        string text => new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = DatabaseText.Clean(text) },
        DateTimeOffset instant => new NpgsqlParameter(name, NpgsqlDbType.TimestampTz) { Value = instant.UtcDateTime },
        _ => new NpgsqlParameter(name, value),
    };

    private static NpgsqlParameter TypedNull(string name, Type type)
    {
        NpgsqlDbType? dbType = type switch
        {
            _ when type == typeof(string) => NpgsqlDbType.Text,
            _ when type == typeof(Guid) => NpgsqlDbType.Uuid,
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => NpgsqlDbType.TimestampTz,
            _ when type == typeof(DateOnly) => NpgsqlDbType.Date,
            _ when type == typeof(int) => NpgsqlDbType.Integer,
            _ when type == typeof(long) => NpgsqlDbType.Bigint,
            _ when type == typeof(short) => NpgsqlDbType.Smallint,
            _ when type == typeof(bool) => NpgsqlDbType.Boolean,
            _ when type == typeof(decimal) => NpgsqlDbType.Numeric,
            _ when type == typeof(double) => NpgsqlDbType.Double,
            _ when type == typeof(byte[]) => NpgsqlDbType.Bytea,
            _ when type == typeof(string[]) => NpgsqlDbType.Array | NpgsqlDbType.Text,
            _ when type == typeof(Guid[]) => NpgsqlDbType.Array | NpgsqlDbType.Uuid,
            _ => null,
        };
        return dbType is { } known
            ? new NpgsqlParameter(name, known) { Value = DBNull.Value }
            : new NpgsqlParameter(name, DBNull.Value);
    }
}
