using Dapper;
using Npgsql;

namespace Consultant.Grains.Languages;

/// <summary>
/// The contact_languages table: a conversation's language once a message or the consultant decided it (before that
/// it is <see cref="LanguageRule.Start"/>). Keyed by consultant and conversation address; every statement names the consultant.
/// </summary>
public sealed class ContactLanguageStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    public async Task<LanguageChoice?> GetAsync(Guid consultantId, string conversationAddress)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<(string Language, string Source)?>(
            "SELECT language, source FROM contact_languages WHERE consultant_id = @consultantId AND contact_address = @conversationAddress",
            new { consultantId, conversationAddress });
        return row is { } found ? LanguageChoice.FromStored(found.Language, found.Source) : null;
    }

    /// <summary>
    /// A language decided by the contact's messages (or number, or client record) is also kept as the automatic one; a
    /// consultant's choice leaves that as it was, so <see cref="ClearAsync"/> can go back to it.
    /// </summary>
    public async Task SetAsync(Guid consultantId, string conversationAddress, LanguageChoice choice)
    {
        var automatic = choice.Source != LanguageSource.Consultant;
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO contact_languages (consultant_id, contact_address, language, source, updated_at, automatic_language, automatic_source)
            VALUES (@consultantId, @conversationAddress, @language, @source, @now,
                    CASE WHEN @automatic THEN @language END, CASE WHEN @automatic THEN @source END)
            ON CONFLICT (consultant_id, contact_address) DO UPDATE SET
                language = EXCLUDED.language, source = EXCLUDED.source, updated_at = EXCLUDED.updated_at,
                automatic_language = CASE WHEN @automatic THEN EXCLUDED.language ELSE contact_languages.automatic_language END,
                automatic_source = CASE WHEN @automatic THEN EXCLUDED.source ELSE contact_languages.automatic_source END
            """,
            new { consultantId, conversationAddress, language = choice.Language.Code, source = choice.SourceName, now = time.GetUtcNow(), automatic });
    }

    /// <summary>
    /// Back to automatic: the language the contact's messages decided, if any; else the start again
    /// (<see cref="LanguageRule.Start"/>) until a message decides.
    /// </summary>
    public async Task ClearAsync(Guid consultantId, string conversationAddress)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            UPDATE contact_languages SET language = automatic_language, source = automatic_source, updated_at = @now
             WHERE consultant_id = @consultantId AND contact_address = @conversationAddress AND automatic_language IS NOT NULL;
            DELETE FROM contact_languages
             WHERE consultant_id = @consultantId AND contact_address = @conversationAddress AND automatic_language IS NULL;
            """,
            new { consultantId, conversationAddress, now = time.GetUtcNow() });
    }
}
