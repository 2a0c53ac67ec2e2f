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

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }
}
