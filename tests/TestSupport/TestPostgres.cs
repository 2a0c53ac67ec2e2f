using Npgsql;

namespace Consultant.TestSupport;

/// <summary>
/// The throwaway PostgreSQL server that ./test.sh starts (TEST_POSTGRES). Each fixture gets its own database.
/// </summary>
public static class TestPostgres
{
    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "TEST_POSTGRES is not set. Run the tests with ./test.sh, which starts a throwaway PostgreSQL, " +
                "or set TEST_POSTGRES to a server connection string (Host, Port, Username, Password).");

    public static async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return ForDatabase(AdminConnectionString, name);
    }

    /// <summary>
    /// The server's connection string for one test database. Its pools let idle connections go after seconds, not
    /// Npgsql's five minutes: Orleans opens its own pool by connection string that no host disposal clears, and with
    /// a database per fixture and both test assemblies running at once, idle connections of finished fixtures used
    /// to fill the server's max_connections ("53300: sorry, too many clients already" in a CI run).
    /// </summary>
    public static string ForDatabase(string serverConnectionString, string database) =>
        new NpgsqlConnectionStringBuilder(serverConnectionString)
        {
            Database = database,
            ConnectionIdleLifetime = 10,
            ConnectionPruningInterval = 2,
        }.ConnectionString;
}
