using Dapper;
using Npgsql;

namespace Consultant.Grains.Booking;

/// <summary>The contact_time_zones table: the zone a consultant chose for a conversation's contact.</summary>
public sealed class ContactTimeZoneStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    public async Task<string?> GetAsync(Guid consultantId, string contactAddress)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<string?>(
            "SELECT time_zone FROM contact_time_zones WHERE consultant_id = @consultantId AND contact_address = @contactAddress",
            new { consultantId, contactAddress });
    }

    public async Task SetAsync(Guid consultantId, string contactAddress, string timeZone)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO contact_time_zones (consultant_id, contact_address, time_zone, updated_at)
            VALUES (@consultantId, @contactAddress, @timeZone, @now)
            ON CONFLICT (consultant_id, contact_address) DO UPDATE SET time_zone = EXCLUDED.time_zone, updated_at = EXCLUDED.updated_at
            """,
            new { consultantId, contactAddress, timeZone, now = time.GetUtcNow() });
    }

    public async Task ClearAsync(Guid consultantId, string contactAddress)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "DELETE FROM contact_time_zones WHERE consultant_id = @consultantId AND contact_address = @contactAddress",
            new { consultantId, contactAddress });
    }
}
