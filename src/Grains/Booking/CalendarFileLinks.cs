using Consultant.Grains.Common;
using Consultant.Grains.Languages;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Consultant.Grains.Booking;

/// <summary>
/// Unguessable, expiring links to a consultation's calendar file, sent to the contact with each confirmation
/// (booking_calendar_links; only the token's hash is stored). A link names the consultation, not a file: what it
/// serves is built when it is opened (<see cref="CalendarDownloads"/>), so an old link gives the current state.
/// </summary>
public sealed class CalendarFileLinks(
    NpgsqlDataSource dataSource, IOptions<CalendarFileOptions> options, IOptions<WhatsAppOptions> whatsApp, TimeProvider time)
{
    /// <summary>
    /// A new link valid for <c>Booking:IcsLinkDays</c>. Null without <c>WhatsApp:PublicBaseUrl</c>: a contact's phone
    /// cannot open an address that is not public, so the confirmation then goes without one.
    /// </summary>
    public async Task<Uri?> CreateAsync(Guid consultantId, Guid consultationId, ContactLanguage language)
    {
        if (whatsApp.Value.PublicBaseUrl is not { } baseUrl)
        {
            return null;
        }

        var token = SecretTokens.New();
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO booking_calendar_links (token_hash, consultant_id, consultation_id, language, expires_at, created_at)
            VALUES (@hash, @consultantId, @consultationId, @language, @expiresAt, @now)
            """,
            new { hash = SecretTokens.Hash(token), consultantId, consultationId, language = language.Code,
                  expiresAt = now.AddDays(options.Value.IcsLinkDays), now });
        return BookingLinks.CalendarFileUrl(baseUrl, token);
    }

    /// <summary>What the token's link names while it is valid; null for an unknown or expired token.</summary>
    public async Task<CalendarFileLink?> FindAsync(string token)
    {
        if (!SecretTokens.IsWellFormed(token))
        {
            return null;
        }

        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<(Guid ConsultantId, Guid ConsultationId, string Language)?>(
            """
            SELECT consultant_id, consultation_id, language FROM booking_calendar_links
             WHERE token_hash = @hash AND expires_at > @now
            """,
            new { hash = SecretTokens.Hash(token), now = time.GetUtcNow() });
        return row is { } found
            ? new CalendarFileLink(found.ConsultantId, found.ConsultationId, ContactLanguage.FromCode(found.Language) ?? ContactLanguage.English)
            : null;
    }
}
