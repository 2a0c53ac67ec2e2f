using Dapper;
using Npgsql;

namespace Consultant.Grains.Outbound.Marketing;

/// <summary>
/// The "not accepting marketing" flag per contact (<c>contact_marketing_stops</c>), one for broadcasts and follow-ups:
/// set when WhatsApp refuses a message with 131050 (<see cref="MarketingStopHook"/>). Every query names its consultant.
/// </summary>
public sealed class MarketingConsent(NpgsqlDataSource dataSource)
{
    public async Task<bool> IsAcceptingAsync(Guid consultantId, string phone)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return !await connection.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM contact_marketing_stops WHERE consultant_id = @consultantId AND contact_phone = @phone)",
            new { consultantId, phone });
    }

    /// <summary>Of these contacts (conversation addresses), the ones who stopped marketing messages.</summary>
    public async Task<IReadOnlySet<string>> NotAcceptingAmongAsync(Guid consultantId, IReadOnlyCollection<string> phones)
    {
        if (phones.Count == 0)
        {
            return new HashSet<string>();
        }

        await using var connection = await dataSource.OpenConnectionAsync();
        var stopped = await connection.QueryAsync<string>(
            "SELECT contact_phone FROM contact_marketing_stops WHERE consultant_id = @consultantId AND contact_phone = ANY(@phones)",
            new { consultantId, phones = phones.ToArray() });
        return stopped.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Flags the contact (once; a later refusal keeps the first time).</summary>
    public async Task MarkStoppedAsync(Guid consultantId, string phone, int errorCode, Guid? messageId, DateTimeOffset at)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO contact_marketing_stops (consultant_id, contact_phone, error_code, message_id, stopped_at)
            VALUES (@consultantId, @phone, @errorCode, @messageId, @at)
            ON CONFLICT (consultant_id, contact_phone) DO NOTHING
            """,
            new { consultantId, phone, errorCode, messageId, at });
    }

    /// <summary>
    /// SQL for "this contact has not stopped marketing", to join in audience queries: <c>{alias}</c> must have
    /// consultant_id and contact_phone.
    /// </summary>
    public static string AcceptingCondition(string alias) =>
        $"NOT EXISTS (SELECT 1 FROM contact_marketing_stops s WHERE s.consultant_id = {alias}.consultant_id AND s.contact_phone = {alias}.contact_phone)";
}
