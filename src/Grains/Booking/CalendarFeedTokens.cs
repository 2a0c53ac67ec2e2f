using Consultant.Grains.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Consultant.Grains.Booking;

/// <summary>
/// The secret of a consultant's private calendar feed (booking_calendar_feeds): one at a time, only its hash stored,
/// so its address is shown once, when it is made. Making a new one (rotating) ends the old address; revoking ends it
/// without a new one.
/// </summary>
public sealed class CalendarFeedTokens(NpgsqlDataSource dataSource, IOptions<WhatsAppOptions> whatsApp, TimeProvider time)
{
    /// <summary>
    /// A new feed address, replacing any earlier one. It is on <c>WhatsApp:PublicBaseUrl</c> when set, else on
    /// <paramref name="ownBaseUrl"/> (the address the request came to).
    /// </summary>
    public async Task<Uri> RotateAsync(Guid consultantId, Uri ownBaseUrl)
    {
        var token = SecretTokens.New();
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO booking_calendar_feeds (consultant_id, token_hash, created_at) VALUES (@consultantId, @hash, @now)
            ON CONFLICT (consultant_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = EXCLUDED.created_at
            """,
            new { consultantId, hash = SecretTokens.Hash(token), now = time.GetUtcNow() });
        return BookingLinks.CalendarFeedUrl(whatsApp.Value.PublicBaseUrl ?? ownBaseUrl, token);
    }

    /// <summary>
    /// Whether calendar apps on the internet can read a feed made now: yes on <c>WhatsApp:PublicBaseUrl</c>; on
    /// <paramref name="ownBaseUrl"/> only when it is https and not this machine (localhost, a loopback address).
    /// </summary>
    public bool IsReachableFromInternet(Uri ownBaseUrl) =>
        whatsApp.Value.PublicBaseUrl is not null
        || (ownBaseUrl.Scheme == Uri.UriSchemeHttps && !ownBaseUrl.IsLoopback
            && !ownBaseUrl.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase));

    /// <summary>Ends the feed's address. False when there was none.</summary>
    public async Task<bool> RevokeAsync(Guid consultantId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync("DELETE FROM booking_calendar_feeds WHERE consultant_id = @consultantId", new { consultantId }) > 0;
    }

    /// <summary>When the current address was made; null when there is none.</summary>
    public async Task<DateTimeOffset?> CreatedAtAsync(Guid consultantId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<DateTimeOffset?>(
            "SELECT created_at FROM booking_calendar_feeds WHERE consultant_id = @consultantId", new { consultantId });
    }

    /// <summary>Whose feed the token opens; null for an unknown, rotated or revoked token.</summary>
    public async Task<Guid?> FindConsultantAsync(string token)
    {
        if (!SecretTokens.IsWellFormed(token))
        {
            return null;
        }

        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<Guid?>(
            "SELECT consultant_id FROM booking_calendar_feeds WHERE token_hash = @hash", new { hash = SecretTokens.Hash(token) });
    }
}
