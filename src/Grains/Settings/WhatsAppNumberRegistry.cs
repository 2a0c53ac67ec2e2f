using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Consultant.Grains.Settings;

/// <summary>
/// Which consultant owns which WhatsApp number within which Twilio account: the lookup every Twilio callback uses.
/// A number is owned per (number, AccountSid), since Twilio's Sandbox number is shared by every Twilio account; the
/// same number in the same account belongs to one consultant only. A consultant holds at most one number.
/// Rows from before AccountSids were stored (account_sid NULL) match their number for any AccountSid and keep it
/// to their owner, until <see cref="BackfillAccountSidsAsync"/> fills them in.
/// Every webhook asks for its number's owner, so answers are kept for <see cref="ReadCacheOptions.Seconds"/>; this is
/// the table's only writer, and any change it makes drops them all (a claim also releases the consultant's old number).
/// </summary>
public sealed class WhatsAppNumberRegistry(NpgsqlDataSource dataSource, TimeProvider time, IOptions<ReadCacheOptions> options) : IDisposable
{
    private const string Matching = "number = @number AND (account_sid = @accountSid OR account_sid IS NULL)";

    private readonly ShortLivedCache<(string AccountSid, string Number), Guid?> knownOwners =
        ReadCacheOptions.NewCache<(string AccountSid, string Number), Guid?>(options, time);

    /// <summary>
    /// Claims <paramref name="number"/> in <paramref name="accountSid"/> for the consultant, releasing their previous
    /// one. False when another consultant has it in the same account; nothing changes then.
    /// </summary>
    public async Task<bool> TryClaimAsync(Guid consultantId, string accountSid, string number)
    {
        try
        {
            return await ClaimAsync(consultantId, accountSid, number);
        }
        finally
        {
            knownOwners.Clear();
        }
    }

    /// <summary>The consultant owning <paramref name="number"/> in Twilio account <paramref name="accountSid"/>.</summary>
    public Task<Guid?> FindOwnerAsync(string accountSid, string number) =>
        knownOwners.GetOrAddAsync((accountSid, number), key => ReadOwnerAsync(key.AccountSid, key.Number));

    /// <summary>
    /// Fills the AccountSid of rows claimed before it was stored, from each owner's saved settings (when they still
    /// hold that number). Returns how many rows were filled. Run at start-up.
    /// </summary>
    public async Task<int> BackfillAccountSidsAsync(IGrainFactory grains)
    {
        try
        {
            return await FillAccountSidsAsync(grains);
        }
        finally
        {
            knownOwners.Clear(); // a filled row no longer matches other accounts
        }
    }

    public void Dispose() => knownOwners.Dispose();

    private async Task<bool> ClaimAsync(Guid consultantId, string accountSid, string number)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var owners = await connection.QueryAsync<Guid>(
            $"SELECT consultant_id FROM whatsapp_numbers WHERE {Matching} FOR UPDATE", new { number, accountSid }, transaction);
        if (owners.Any(owner => owner != consultantId))
        {
            return false;
        }

        try
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO whatsapp_numbers (number, account_sid, consultant_id, claimed_at) VALUES (@number, @accountSid, @consultantId, @now)
                ON CONFLICT (consultant_id) DO UPDATE SET
                    claimed_at = CASE WHEN whatsapp_numbers.number = EXCLUDED.number THEN whatsapp_numbers.claimed_at ELSE EXCLUDED.claimed_at END,
                    number = EXCLUDED.number, account_sid = EXCLUDED.account_sid
                """,
                new { number, accountSid, consultantId, now = time.GetUtcNow() }, transaction);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false; // claimed by another consultant of the same account at this very moment
        }

        await transaction.CommitAsync();
        return true;
    }

    private async Task<Guid?> ReadOwnerAsync(string accountSid, string number)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QueryFirstOrDefaultAsync<Guid?>(
            $"SELECT consultant_id FROM whatsapp_numbers WHERE {Matching} ORDER BY account_sid NULLS LAST LIMIT 1", new { number, accountSid });
    }

    private async Task<int> FillAccountSidsAsync(IGrainFactory grains)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var unfilled = await connection.QueryAsync<(Guid ConsultantId, string Number)>(
            "SELECT consultant_id, number FROM whatsapp_numbers WHERE account_sid IS NULL");
        var filled = 0;
        foreach (var (consultantId, number) in unfilled)
        {
            var settings = await grains.GetGrain<IConsultantGrain>(consultantId).GetReplySettingsAsync();
            if (settings is null || settings.WhatsAppNumber != number)
            {
                continue;
            }

            filled += await connection.ExecuteAsync(
                "UPDATE whatsapp_numbers SET account_sid = @accountSid WHERE consultant_id = @consultantId AND number = @number AND account_sid IS NULL",
                new { accountSid = settings.AccountSid, consultantId, number });
        }

        return filled;
    }
}
