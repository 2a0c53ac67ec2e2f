using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Consultant.Grains.Storage;

public static class DatabaseConnection
{
    public const string Name = "Postgres";

    public const int DefaultMaxPoolSize = 16;

    public static string FromConfiguration(IConfiguration configuration) =>
        configuration.GetConnectionString(Name) is { Length: > 0 } connectionString
            ? WithDefaults(connectionString)
            : throw new InvalidOperationException(
                "ConnectionStrings:Postgres is not set. Set the environment variable ConnectionStrings__Postgres, " +
                "or start the product with ./run.sh, which runs a local PostgreSQL for you.");

    /// <summary>
    /// What the connection string leaves unsaid: statements the product repeats are prepared (PostgreSQL then
    /// skips parsing and planning them), and a pooled connection is not reset when it is returned, because the
    /// product keeps no session state (its advisory locks are transaction-scoped; the migrator's session lock
    /// uses a connection of its own, outside the pool). Measured in bench/NOTES.md: about 40% more
    /// acknowledgements per second. At most <see cref="DefaultMaxPoolSize"/> connections a silo, not Npgsql's 100:
    /// fewer backends each keep their prepared statements' plans warm and share the database's cores with less
    /// switching (bench/NOTES.md: 1.26 times the answered messages a second on 2 cores); a caller waits for a free
    /// connection instead. Say "Maximum Pool Size" in the connection string for a database with more cores.
    /// </summary>
    public static string WithDefaults(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        if (!new[] { "Maximum Pool Size", "MaxPoolSize" }.Any(given.ContainsKey))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }

        return builder.ConnectionString;
    }
}
