using Dapper;
using Npgsql;

namespace Consultant.Grains.Booking.Chat;

/// <summary>
/// The slots last offered to each contact (<c>booking_chat_offers</c>), under ids the model cannot make up: a new
/// offer replaces the contact's earlier one, and an id is only ever looked up together with its contact, so a slot
/// offered to someone else (or never offered) is not found. Every statement names consultant_id.
/// </summary>
public sealed class OfferedSlots(NpgsqlDataSource dataSource)
{
    /// <summary>The offered slots of the contact <c>@address</c> still after <c>@now</c>, earliest first (shown in the next reply's prompt).</summary>
    internal const string StillAheadSql =
        """
        SELECT id, starts_at AS StartsAt FROM booking_chat_offers
         WHERE consultant_id = @consultantId AND contact_address = @address AND starts_at > @now
         ORDER BY starts_at
        """;

    public async Task<IReadOnlyList<OfferedSlot>> ReplaceAsync(Guid consultantId, string address, IEnumerable<DateTimeOffset> startsAt, DateTimeOffset now)
    {
        var offered = startsAt.Select(start => new OfferedSlot(Guid.NewGuid(), start.ToUniversalTime())).ToList();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(
            "DELETE FROM booking_chat_offers WHERE consultant_id = @consultantId AND contact_address = @address",
            new { consultantId, address }, transaction);
        foreach (var slot in offered)
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO booking_chat_offers (id, consultant_id, contact_address, starts_at, offered_at)
                VALUES (@Id, @consultantId, @address, @StartsAt, @now)
                """,
                new { slot.Id, consultantId, address, slot.StartsAt, now = now.ToUniversalTime() }, transaction);
        }

        await transaction.CommitAsync();
        return offered;
    }

    /// <summary>The slot offered to this contact under <paramref name="id"/>; null for any other id.</summary>
    public async Task<OfferedSlot?> FindAsync(Guid consultantId, string address, Guid id)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<OfferedSlot>(
            """
            SELECT id, starts_at AS StartsAt FROM booking_chat_offers
             WHERE consultant_id = @consultantId AND contact_address = @address AND id = @id
            """,
            new { consultantId, address, id });
    }

    /// <summary>The contact's offered slots still in the future, earliest first (<see cref="StillAheadSql"/>).</summary>
    public async Task<IReadOnlyList<OfferedSlot>> ListAsync(Guid consultantId, string address, DateTimeOffset now)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return [.. await connection.QueryAsync<OfferedSlot>(StillAheadSql, new { consultantId, address, now = now.ToUniversalTime() })];
    }
}
