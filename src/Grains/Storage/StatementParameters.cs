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
    /// Per anonymous type and statement text (one per call site): the text to send, with its parameters as <c>$1</c>,
    /// <c>$2</c>… (<see cref="PositionalSql"/>; Npgsql then sends it as it is instead of parsing and rewriting it on
    /// every call), and the properties in their numbers' order, each with a compiled getter, so a call neither searches
    /// the text nor reads a property by reflection. The text is hashed cheaply (<see cref="SqlTextComparer"/>).
    /// </summary>
    private static readonly ConcurrentDictionary<(Type Type, string Sql), Statement> Statements = new(new TypeAndText());

    /// <summary>Refuses, before the statement joins anyone's round trip, what it could not write.</summary>
    public static void Check(object? values)
    {
        if (values is not null && ShapeOf(values.GetType()).Enum is { } property)
        {
            throw new ArgumentException(
                $"Parameter {property.Name} is an enum: pass its name or its number, as the column stores it.", property.Name);
        }
    }

    /// <summary>Adds the statement's parameters; returns the text to send with them.</summary>
    public static string AddTo(NpgsqlParameterCollection parameters, string sql, object? values)
    {
        if (values is null)
        {
            return sql;
        }

        var statement = Statements.GetOrAdd((values.GetType(), sql), key => StatementOf(key.Type, key.Sql));
        foreach (var named in statement.Values)
        {
            parameters.Add(Parameter(statement.Positional ? string.Empty : named.Name, named.Type, named.Read(values)));
        }

        return statement.Sql;
    }

    private static Statement StatementOf(Type type, string sql)
    {
        var properties = ShapeOf(type).Properties;
        PropertyInfo? Find(string name) => properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        if (PositionalSql.TryRewrite(sql, name => Find(name) is not null, out var rewritten, out var order))
        {
            return new Statement(rewritten, true, [.. order.Select(name => Value(type, Find(name)!))]);
        }

        // As Dapper does: only what the text names (an extra one would make PostgreSQL guess its type); Npgsql rewrites.
        return new Statement(sql, false, [.. properties
            .Where(property => sql.Contains("@" + property.Name, StringComparison.OrdinalIgnoreCase))
            .Select(property => Value(type, property))]);
    }

    private static NamedValue Value(Type type, PropertyInfo property) =>
        new(property.Name, Underlying(property.PropertyType), Getter(type, property));

    private static Shape ShapeOf(Type type) => Shapes.GetOrAdd(type, static type =>
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        return new Shape(properties, properties.FirstOrDefault(property => Underlying(property.PropertyType).IsEnum));
    });

    private static Type Underlying(Type declared) => Nullable.GetUnderlyingType(declared) ?? declared;

    private static Func<object, object?> Getter(Type type, PropertyInfo property)
    {
        var values = Expression.Parameter(typeof(object), "values");
        var read = Expression.Convert(Expression.Property(Expression.Convert(values, type), property), typeof(object));
        return Expression.Lambda<Func<object, object?>>(read, values).Compile();
    }

    private sealed record Shape(PropertyInfo[] Properties, PropertyInfo? Enum);

    /// <summary>The text to send; whether its parameters are positional (else named, for Npgsql to rewrite).</summary>
    private sealed record Statement(string Sql, bool Positional, NamedValue[] Values);

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
