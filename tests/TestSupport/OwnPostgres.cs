using System.Diagnostics;
using Npgsql;

namespace Consultant.TestSupport;

/// <summary>
/// A PostgreSQL server of a test's own, started with the same scripts as ./run.sh and ./test.sh, that the test
/// may stop and start again (an outage). Removed when disposed.
/// </summary>
public sealed class OwnPostgres : IAsyncDisposable
{
    private readonly string dataDirectory;
    private readonly int port;

    private OwnPostgres(string dataDirectory, int port, string password)
    {
        this.dataDirectory = dataDirectory;
        this.port = port;
        ServerConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Password={password};Timeout=5";
    }

    public string ServerConnectionString { get; }

    public static async Task<OwnPostgres> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "consultant-own-pg-" + Guid.NewGuid().ToString("N")[..12]);
        var port = FreePort.Next();
        var password = (await ScriptAsync($"ensure_postgres_binaries; pg_start '{directory}/data' {port}")).Trim();
        return new OwnPostgres(directory, port, password);
    }

    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return TestPostgres.ForDatabase(ServerConnectionString, name);
    }

    public Task StopAsync() => ScriptAsync($"ensure_postgres_binaries; pg_stop '{dataDirectory}/data'");

    public Task StartAgainAsync() => ScriptAsync($"ensure_postgres_binaries; pg_start '{dataDirectory}/data' {port} >/dev/null");

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(dataDirectory, recursive: true);
    }

    /// <summary>Runs the repository's scripts/common.sh functions; returns what they print on stdout.</summary>
    private static async Task<string> ScriptAsync(string commands)
    {
        var script = Path.Combine(RepositoryPaths.Root, "scripts", "common.sh");
        var start = new ProcessStartInfo("bash", ["-c", $"set -euo pipefail; source '{script}'; {commands}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"PostgreSQL script failed ({process.ExitCode}): {await errors}");
    }
}
