using Consultant.Grains.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Consultant.Grains.Accounts;

/// <summary>
/// The account_settings table; every statement is keyed by the consultant. Every message reads the settings several
/// times (time zone, language, country), so they are kept for <see cref="ReadCacheOptions.Seconds"/>; this is the
/// table's only writer, and it forgets what it saves at once.
/// </summary>
public sealed class AccountSettingsRepository(NpgsqlDataSource dataSource, TimeProvider time, IOptions<ReadCacheOptions> options)
    : IDisposable
{
    private readonly ShortLivedCache<Guid, StoredAccountSettings> cache = ReadCacheOptions.NewCache<Guid, StoredAccountSettings>(options, time);

    public Task<StoredAccountSettings> GetAsync(Guid consultantId) => cache.GetOrAddAsync(consultantId, ReadAsync);

    public async Task SaveAsync(Guid consultantId, StoredAccountSettings settings, DateTimeOffset at)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await connection.ExecuteAsync(
                """
                INSERT INTO account_settings (consultant_id, time_zone, ui_culture, default_country, updated_at)
                VALUES (@consultantId, @TimeZone, @UiCulture, @DefaultCountry, @at)
                ON CONFLICT (consultant_id) DO UPDATE SET time_zone = EXCLUDED.time_zone, ui_culture = EXCLUDED.ui_culture,
                    default_country = EXCLUDED.default_country, updated_at = EXCLUDED.updated_at
                """,
                new { consultantId, settings.TimeZone, settings.UiCulture, settings.DefaultCountry, at });
        }
        finally
        {
            cache.Forget(consultantId);
        }
    }

    public void Dispose() => cache.Dispose();

    private async Task<StoredAccountSettings> ReadAsync(Guid consultantId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<StoredAccountSettings>(
            """
            SELECT time_zone AS TimeZone, ui_culture AS UiCulture, default_country AS DefaultCountry
              FROM account_settings WHERE consultant_id = @consultantId
            """,
            new { consultantId }) ?? StoredAccountSettings.None;
    }
}
