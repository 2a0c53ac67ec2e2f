using System.Data;
using Dapper;

namespace Consultant.Grains.Storage;

/// <summary>
/// Npgsql reads timestamptz as a UTC DateTime and date as DateTime; the domain uses DateTimeOffset and DateOnly.
/// Every string parameter is written without NUL (<see cref="DatabaseText"/>): one place for all the product's SQL.
/// </summary>
internal static class DapperTypeHandlers
{
    private static int registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 1)
        {
            return;
        }

        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new DateOnlyHandler());

        // Dapper consults a type handler only for types outside its built-in map, so string leaves the map first.
        SqlMapper.RemoveTypeMap(typeof(string));
        SqlMapper.AddTypeHandler(typeof(string), new NulFreeStringHandler());
    }

    /// <summary>Strings as Dapper writes them by default (DbType.String, null as a typed NULL), minus NUL; read unchanged.</summary>
    private sealed class NulFreeStringHandler : SqlMapper.ITypeHandler
    {
        public void SetValue(IDbDataParameter parameter, object value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value is string text ? DatabaseText.Clean(text) : value;
        }

        public object? Parse(Type destinationType, object value) => value switch
        {
            DBNull => null,
            string text => text,
            _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            parameter.DbType = DbType.DateTime;
            parameter.Value = value.UtcDateTime;
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset offset => offset,
            DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
            _ => throw new DataException($"Cannot read {value.GetType().Name} as a DateTimeOffset."),
        };
    }

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            parameter.DbType = DbType.Date;
            parameter.Value = value;
        }

        public override DateOnly Parse(object value) => value switch
        {
            DateOnly date => date,
            DateTime dateTime => DateOnly.FromDateTime(dateTime),
            _ => throw new DataException($"Cannot read {value.GetType().Name} as a DateOnly."),
        };
    }
}
