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

    public async Task SetAsync(Guid consultantId, string conversationAddress, LanguageChoice choice)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO contact_languages (consultant_id, contact_address, language, source, updated_at)
            VALUES (@consultantId, @conversationAddress, @language, @source, @now)
            ON CONFLICT (consultant_id, contact_address) DO UPDATE SET
                language = EXCLUDED.language, source = EXCLUDED.source, updated_at = EXCLUDED.updated_at
            """,
            new { consultantId, conversationAddress, language = choice.Language.Code, source = choice.SourceName, now = time.GetUtcNow() });
    }

    /// <summary>Back to automatic: the language is the start again until a message decides.</summary>
    public async Task ClearAsync(Guid consultantId, string conversationAddress)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "DELETE FROM contact_languages WHERE consultant_id = @consultantId AND contact_address = @conversationAddress",
            new { consultantId, conversationAddress });
    }
}
