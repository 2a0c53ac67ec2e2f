using Consultant.Grains.Common;
using Consultant.Grains.Storage;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Consultant.Grains.Booking;

/// <summary>
/// The contact_time_zones table: the zone a consultant chose for a conversation's contact. Read with every message, so
/// kept (none chosen included) for <see cref="ReadCacheOptions.Seconds"/>; this is the table's only writer, and it
/// forgets what it writes at once.
/// </summary>
public sealed class ContactTimeZoneStore(
    NpgsqlDataSource dataSource, SharedRoundTrips shared, TimeProvider time, IOptions<ReadCacheOptions> options) : IDisposable
{
    private readonly ShortLivedCache<(Guid ConsultantId, string Address), string?> cache =
        ReadCacheOptions.NewCache<(Guid ConsultantId, string Address), string?>(options, time);

    public Task<string?> GetAsync(Guid consultantId, string contactAddress) =>
        cache.GetOrAddAsync((consultantId, contactAddress), key => ReadAsync(key.ConsultantId, key.Address));

    public Task SetAsync(Guid consultantId, string contactAddress, string timeZone) =>
        WriteAsync(consultantId, contactAddress, connection => connection.ExecuteAsync(
            """
            INSERT INTO contact_time_zones (consultant_id, contact_address, time_zone, updated_at)
            VALUES (@consultantId, @contactAddress, @timeZone, @now)
            ON CONFLICT (consultant_id, contact_address) DO UPDATE SET time_zone = EXCLUDED.time_zone, updated_at = EXCLUDED.updated_at
            """,
            new { consultantId, contactAddress, timeZone, now = time.GetUtcNow() }));

    public Task ClearAsync(Guid consultantId, string contactAddress) =>
        WriteAsync(consultantId, contactAddress, connection => connection.ExecuteAsync(
            "DELETE FROM contact_time_zones WHERE consultant_id = @consultantId AND contact_address = @contactAddress",
            new { consultantId, contactAddress }));

    public void Dispose() => cache.Dispose();

    /// <summary>Read with the other statements of the moment (<see cref="SharedRoundTrips"/>): every reply reads it.</summary>
    private Task<string?> ReadAsync(Guid consultantId, string contactAddress) =>
        shared.QuerySingleOrDefaultAsync<string>(
            "SELECT time_zone FROM contact_time_zones WHERE consultant_id = @consultantId AND contact_address = @contactAddress",
            new { consultantId, contactAddress });

    private async Task WriteAsync(Guid consultantId, string contactAddress, Func<NpgsqlConnection, Task<int>> write)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await write(connection);
        }
        finally
        {
            cache.Forget((consultantId, contactAddress));
        }
    }
}
