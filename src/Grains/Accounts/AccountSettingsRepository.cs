using Dapper;
using Npgsql;

namespace Consultant.Grains.Accounts;

/// <summary>The account_settings table; every statement is keyed by the consultant.</summary>
public sealed class AccountSettingsRepository(NpgsqlDataSource dataSource)
{
    public async Task<StoredAccountSettings> GetAsync(Guid consultantId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<StoredAccountSettings>(
            """
            SELECT time_zone AS TimeZone, ui_culture AS UiCulture, default_country AS DefaultCountry
              FROM account_settings WHERE consultant_id = @consultantId
            """,
            new { consultantId }) ?? StoredAccountSettings.None;
    }

    public async Task SaveAsync(Guid consultantId, StoredAccountSettings settings, DateTimeOffset at)
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
}
