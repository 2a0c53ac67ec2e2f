using DbUp;
using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Consultant.Grains.Storage;

/// <summary>
/// Creates the database when missing and applies the embedded SQL scripts (Orleans' tables and query catalogue,
/// then the application's tables). Safe to run from several silos at once and any number of times.
/// </summary>
public static partial class DatabaseMigrator
{
    // An arbitrary, fixed key: silos starting together take turns instead of racing on DDL.
    private const long MigrationLockKey = 0x0C0A_5417_0001;

    public static void Migrate(string connectionString, ILogger logger)
    {
        EnsureDatabase.For.PostgresqlDatabase(connectionString, new UpgradeLogAdapter(logger));

        // Outside the pool: the session lock must end with this connection, never travel back into the pool.
        using var lockConnection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        lockConnection.Open();
        using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", lockConnection))
        {
            take.ExecuteNonQuery();
        }

        try
        {
            var result = DeployChanges.To
                .PostgresqlDatabase(connectionString)
                .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly, name => name.EndsWith(".sql", StringComparison.Ordinal))
                .WithVariablesDisabled()
                .WithTransactionPerScript()
                .LogTo(new UpgradeLogAdapter(logger))
                .Build()
                .PerformUpgrade();

            if (!result.Successful)
            {
                throw new InvalidOperationException(
                    $"Database migration failed in script '{result.ErrorScript?.Name}': {result.Error?.Message}", result.Error);
            }
        }
        finally
        {
            using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", lockConnection);
            release.ExecuteNonQuery();
        }
    }

    private sealed partial class UpgradeLogAdapter(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) { }

        public void LogDebug(string format, params object[] args) { }

        public void LogInformation(string format, params object[] args) => Migration(logger, string.Format(format, args));

        public void LogWarning(string format, params object[] args) => MigrationWarning(logger, string.Format(format, args));

        public void LogError(string format, params object[] args) => MigrationError(logger, string.Format(format, args));

        public void LogError(Exception ex, string format, params object[] args) => MigrationError(logger, string.Format(format, args));

        [LoggerMessage(Level = LogLevel.Information, Message = "Migration: {Text}")]
        private static partial void Migration(ILogger logger, string text);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Migration: {Text}")]
        private static partial void MigrationWarning(ILogger logger, string text);

        [LoggerMessage(Level = LogLevel.Error, Message = "Migration: {Text}")]
        private static partial void MigrationError(ILogger logger, string text);
    }
}
