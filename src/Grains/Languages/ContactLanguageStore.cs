using Consultant.Grains.Common;
using Consultant.Grains.Storage;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Consultant.Grains.Languages;

/// <summary>
/// The contact_languages table: a conversation's language once a message or the consultant decided it (before that
/// it is <see cref="LanguageRule.Start"/>). Keyed by consultant and conversation address; every statement names the consultant.
/// A message reads its contact's language several times, so it is kept (none decided included) for
/// <see cref="ReadCacheOptions.Seconds"/>; this is the table's only writer, and it forgets what it writes at once.
/// </summary>
public sealed class ContactLanguageStore(
    NpgsqlDataSource dataSource, SharedRoundTrips shared, TimeProvider time, IOptions<ReadCacheOptions> options) : IDisposable
{
    private readonly ShortLivedCache<(Guid ConsultantId, string Address), LanguageChoice?> cache =
        ReadCacheOptions.NewCache<(Guid ConsultantId, string Address), LanguageChoice?>(options, time);

    public Task<LanguageChoice?> GetAsync(Guid consultantId, string conversationAddress) =>
        cache.GetOrAddAsync((consultantId, conversationAddress), key => ReadAsync(key.ConsultantId, key.Address));

    /// <summary>
    /// A language decided by the contact's messages (or number, or client record) is also kept as the automatic one; a
    /// consultant's choice leaves that as it was, so <see cref="ClearAsync"/> can go back to it.
    /// </summary>
    public async Task SetAsync(Guid consultantId, string conversationAddress, LanguageChoice choice)
    {
        var automatic = choice.Source != LanguageSource.Consultant;
        await WriteAsync(consultantId, conversationAddress, connection => connection.ExecuteAsync(
            """
            INSERT INTO contact_languages (consultant_id, contact_address, language, source, updated_at, automatic_language, automatic_source)
            VALUES (@consultantId, @conversationAddress, @language, @source, @now,
                    CASE WHEN @automatic THEN @language END, CASE WHEN @automatic THEN @source END)
            ON CONFLICT (consultant_id, contact_address) DO UPDATE SET
                language = EXCLUDED.language, source = EXCLUDED.source, updated_at = EXCLUDED.updated_at,
                automatic_language = CASE WHEN @automatic THEN EXCLUDED.language ELSE contact_languages.automatic_language END,
                automatic_source = CASE WHEN @automatic THEN EXCLUDED.source ELSE contact_languages.automatic_source END
            """,
            new { consultantId, conversationAddress, language = choice.Language.Code, source = choice.SourceName, now = time.GetUtcNow(), automatic }));
    }

    /// <summary>
    /// Back to automatic: the language the contact's messages decided, if any; else the start again
    /// (<see cref="LanguageRule.Start"/>) until a message decides.
    /// </summary>
    public Task ClearAsync(Guid consultantId, string conversationAddress) =>
        WriteAsync(consultantId, conversationAddress, connection => connection.ExecuteAsync(
            """
            UPDATE contact_languages SET language = automatic_language, source = automatic_source, updated_at = @now
             WHERE consultant_id = @consultantId AND contact_address = @conversationAddress AND automatic_language IS NOT NULL;
            DELETE FROM contact_languages
             WHERE consultant_id = @consultantId AND contact_address = @conversationAddress AND automatic_language IS NULL;
            """,
            new { consultantId, conversationAddress, now = time.GetUtcNow() }));

    public void Dispose() => cache.Dispose();

    /// <summary>Read with the other statements of the moment (<see cref="SharedRoundTrips"/>): every message reads it.</summary>
    private async Task<LanguageChoice?> ReadAsync(Guid consultantId, string conversationAddress)
    {
        var row = await shared.QuerySingleOrDefaultAsync<StoredLanguage>(
            "SELECT language, source FROM contact_languages WHERE consultant_id = @consultantId AND contact_address = @conversationAddress",
            new { consultantId, conversationAddress });
        return row is null ? null : LanguageChoice.FromStored(row.Language, row.Source);
    }

    private sealed record StoredLanguage(string Language, string Source);

    private async Task WriteAsync(Guid consultantId, string conversationAddress, Func<NpgsqlConnection, Task<int>> write)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await write(connection);
        }
        finally
        {
            cache.Forget((consultantId, conversationAddress));
        }
    }
}
