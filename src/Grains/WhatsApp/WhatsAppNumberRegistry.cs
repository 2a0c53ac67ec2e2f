using Dapper;
using Npgsql;

namespace Consultant.Grains.WhatsApp;

/// <summary>
/// Which consultant owns which WhatsApp number: the lookup the webhook uses and the one-owner rule.
/// A consultant holds at most one number.
/// </summary>
public sealed class WhatsAppNumberRegistry(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>Claims <paramref name="number"/> for the consultant, releasing their previous one. False when another consultant owns it.</summary>
    public async Task<bool> TryClaimAsync(Guid consultantId, string number)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var owner = await connection.QuerySingleOrDefaultAsync<Guid?>(
            "SELECT consultant_id FROM whatsapp_numbers WHERE number = @number FOR UPDATE", new { number }, transaction);
        if (owner == consultantId)
        {
            return true;
        }

        if (owner is not null)
        {
            return false;
        }

        await connection.ExecuteAsync(
            "DELETE FROM whatsapp_numbers WHERE consultant_id = @consultantId", new { consultantId }, transaction);
        var inserted = await connection.ExecuteAsync(
            """
            INSERT INTO whatsapp_numbers (number, consultant_id, claimed_at) VALUES (@number, @consultantId, @now)
            ON CONFLICT (number) DO NOTHING
            """,
            new { number, consultantId, now = time.GetUtcNow() }, transaction);
        await transaction.CommitAsync();
        return inserted == 1;
    }

    public async Task<Guid?> FindOwnerAsync(string number)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<Guid?>(
            "SELECT consultant_id FROM whatsapp_numbers WHERE number = @number", new { number });
    }
}
