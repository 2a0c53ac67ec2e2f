using Consultant.Grains.Abstractions;
using Consultant.Grains.Clients;
using Consultant.Grains.Common;
using Consultant.Grains.Languages;
using Dapper;
using Consultant.Grains.Storage;
using Npgsql;

namespace Consultant.Grains.Inbox;

/// <summary>
/// The conversations list view. The grains write what they know (their state is the source); the consultant's
/// tags and notes are written here only. Every statement filters by consultant_id.
/// </summary>
public sealed class ConversationRepository(NpgsqlDataSource dataSource, SharedRoundTrips shared, ContactLanguageStore languages)
{
    private const string Columns =
        """
        c.id, c.contact_phone AS ContactPhone, c.display_name AS DisplayName, c.is_lead AS IsLead, c.client_id AS ClientId,
        c.ai_enabled AS AiEnabled, c.message_count AS MessageCount, c.unread_count AS UnreadCount,
        c.last_message_at AS LastMessageAt, c.last_preview AS LastMessagePreview, c.needs_reply AS NeedsReply,
        c.needs_reply_reason AS NeedsReplyReason, c.ai_overridden_at AS AiOverriddenAt, c.ai_overridden_by AS AiOverriddenBy,
        c.last_read_by_consultant AS LastReadByConsultant, c.last_inbound_at AS LastInboundAt,
        c.lead_converted_at AS LeadConvertedAt, c.opted_out AS OptedOut, c.tags AS Tags, c.notes AS Notes,
        l.language AS DecidedLanguage, l.source AS DecidedLanguageSource,
        (SELECT k.language FROM clients k WHERE k.consultant_id = c.consultant_id AND k.id = c.client_id) AS ClientLanguage
        """;

    /// <summary>What every list query reads from: the row and its contact's decided language (Languages/ContactLanguageStore).</summary>
    private const string From =
        """
        conversations c LEFT JOIN contact_languages l ON l.consultant_id = c.consultant_id AND l.contact_address = c.contact_phone
        """;

    /// <param name="awaitsAiKey">Its last batch waits for a usable AI key (see <see cref="ListAwaitingAiKeyAsync"/>).</param>
    public async Task UpsertAsync(Guid consultantId, ConversationView view, bool awaitsAiKey, DateTimeOffset updatedAt)
    {
        await shared.ExecuteAsync(
            """
            INSERT INTO conversations (id, consultant_id, contact_phone, display_name, client_id, is_lead, lead_converted_at,
                ai_enabled, message_count, unread_count, last_message_at, last_inbound_at, last_preview, needs_reply,
                needs_reply_reason, ai_overridden_at, ai_overridden_by, last_read_by_consultant, opted_out, awaits_ai_key, updated_at)
            VALUES (@Id, @consultantId, @ContactPhone, @DisplayName, @ClientId, @IsLead, @LeadConvertedAt, @AiEnabled,
                @MessageCount, @UnreadCount, @LastMessageAt, @LastInboundAt, @LastMessagePreview, @NeedsReply,
                @NeedsReplyReason, @AiOverriddenAt, @AiOverriddenBy, @LastReadByConsultant, @OptedOut, @awaitsAiKey, @updatedAt)
            ON CONFLICT (consultant_id, contact_phone) DO UPDATE SET
                display_name = EXCLUDED.display_name, client_id = EXCLUDED.client_id, is_lead = EXCLUDED.is_lead,
                lead_converted_at = EXCLUDED.lead_converted_at, ai_enabled = EXCLUDED.ai_enabled,
                message_count = EXCLUDED.message_count, unread_count = EXCLUDED.unread_count,
                last_message_at = EXCLUDED.last_message_at, last_inbound_at = EXCLUDED.last_inbound_at,
                last_preview = EXCLUDED.last_preview, needs_reply = EXCLUDED.needs_reply,
                needs_reply_reason = EXCLUDED.needs_reply_reason, ai_overridden_at = EXCLUDED.ai_overridden_at,
                ai_overridden_by = EXCLUDED.ai_overridden_by, last_read_by_consultant = EXCLUDED.last_read_by_consultant,
                opted_out = EXCLUDED.opted_out, awaits_ai_key = EXCLUDED.awaits_ai_key, updated_at = EXCLUDED.updated_at
            """,
            new
            {
                view.Id, consultantId, view.ContactPhone, view.DisplayName, view.ClientId, view.IsLead, view.LeadConvertedAt,
                view.AiEnabled, view.MessageCount, view.UnreadCount, view.LastMessageAt, view.LastInboundAt,
                view.LastMessagePreview, view.NeedsReply, view.NeedsReplyReason, view.AiOverriddenAt, view.AiOverriddenBy,
                view.LastReadByConsultant, view.OptedOut, awaitsAiKey, updatedAt,
            });
    }

    /// <summary>
    /// The conversations whose last batch waits for a usable AI key: the consultant's (key saved, contact linked), or
    /// every consultant's (<paramref name="consultantId"/> null: an administrator added a pool key). Grain keys.
    /// </summary>
    public async Task<IReadOnlyList<string>> ListAwaitingAiKeyAsync(Guid? consultantId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(Guid ConsultantId, string ContactPhone)>(
            """
            SELECT consultant_id, contact_phone FROM conversations
             WHERE awaits_ai_key AND (@consultantId::uuid IS NULL OR consultant_id = @consultantId)
             ORDER BY last_inbound_at DESC NULLS LAST LIMIT 1000
            """,
            new { consultantId });
        return rows.Select(row => ConversationKey.Format(row.ConsultantId, row.ContactPhone)).ToList();
    }

    /// <summary>
    /// Newest activity first; search matches the name or the number. <paramref name="period"/> limits the filters
    /// about a time (new leads, active, failed); without it they look at all time.
    /// </summary>
    public async Task<ConversationPage> ListAsync(
        Guid consultantId, ConversationFilter filter, string? search, int page, int pageSize, TimeRange? period = null)
    {
        var where = ConversationPredicates.For(filter) is { } condition ? $" AND {condition}" : string.Empty;
        // The rule the dashboard applies to a conversation that changed live: ConversationSearch.
        var pattern = ConversationSearch.NameText(search) is { } name ? "%" + EscapeLike(name) + "%" : null;
        var digits = ConversationSearch.NumberDigits(search);
        if (pattern is not null)
        {
            where += digits.Count > 0
                ? " AND (c.display_name ILIKE @pattern OR c.contact_phone LIKE ANY(@digitsPatterns))"
                : " AND c.display_name ILIKE @pattern";
        }

        await using var connection = await dataSource.OpenConnectionAsync();
        var parameters = new
        {
            consultantId, pattern, digitsPatterns = digits.Select(run => "%" + run + "%").ToArray(), limit = pageSize, offset = (page - 1) * pageSize,
            from = period?.Start ?? DateTimeOffset.MinValue, to = period?.End ?? DateTimeOffset.MaxValue,
        };
        var total = await connection.ExecuteScalarAsync<int>($"SELECT count(*) FROM conversations c WHERE c.consultant_id = @consultantId{where}", parameters);
        var rows = await connection.QueryAsync<ConversationRecord>(
            $"""
            SELECT {Columns} FROM {From} WHERE c.consultant_id = @consultantId{where}
             ORDER BY c.last_message_at DESC NULLS LAST, c.contact_phone LIMIT @limit OFFSET @offset
            """,
            parameters);
        return new ConversationPage(rows.Select(r => r.ToListItem()).ToList(), page, pageSize, total);
    }

    public async Task<ConversationListItem?> FindAsync(Guid consultantId, Guid conversationId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<ConversationRecord>(
            $"SELECT {Columns} FROM {From} WHERE c.consultant_id = @consultantId AND c.id = @conversationId",
            new { consultantId, conversationId });
        return row?.ToListItem();
    }

    /// <summary>
    /// The contact's language now (<see cref="LanguageRule.Current"/>), for a conversation as its grain sees it. A decided
    /// language (kept in memory by the store) settles it; the client's record is read only when nothing is decided yet.
    /// </summary>
    public async Task<LanguageChoice> LanguageOfAsync(Guid consultantId, ConversationView view)
    {
        var decided = await languages.GetAsync(consultantId, view.ContactPhone);
        if (decided is not null || view.ClientId is not { } clientId)
        {
            return LanguageRule.Current(decided, null, view.ContactPhone);
        }

        var clientLanguage = await shared.QuerySingleOrDefaultAsync<string>(
            "SELECT language FROM clients WHERE consultant_id = @consultantId AND id = @clientId", new { consultantId, clientId });
        return LanguageRule.Current(null, clientLanguage, view.ContactPhone);
    }

    /// <summary>
    /// The conversations with one client, newest activity first: recognised as theirs, or written from one of their
    /// addresses (<see cref="ClientAddressesSql"/>).
    /// </summary>
    public async Task<IReadOnlyList<ConversationListItem>> ForClientAsync(Guid consultantId, Guid clientId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<ConversationRecord>(
            $"""
            {ClientAddressesSql.With}
            SELECT {Columns} FROM {From}
             WHERE c.consultant_id = @consultantId AND {ClientAddressesSql.IsTheirs("c")}
             ORDER BY c.last_message_at DESC NULLS LAST, c.contact_phone
            """,
            new { consultantId, clientId, simulator = ClientAddressesSql.Simulator });
        return rows.Select(r => r.ToListItem()).ToList();
    }

    /// <summary>The contact's name (WhatsApp profile or client) of each of these conversations that has one.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> DisplayNamesAsync(Guid consultantId, IReadOnlyCollection<Guid> conversationIds)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(Guid Id, string Name)>(
            """
            SELECT id, display_name FROM conversations
            WHERE consultant_id = @consultantId AND id = ANY(@conversationIds) AND display_name IS NOT NULL AND display_name <> ''
            """,
            new { consultantId, conversationIds = conversationIds.ToArray() });
        return rows.ToDictionary(r => r.Id, r => r.Name);
    }

    /// <summary>Returns false when the consultant has no such conversation.</summary>
    public async Task<bool> SetMetadataAsync(Guid consultantId, Guid conversationId, IReadOnlyList<string> tags, string? notes)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync(
            "UPDATE conversations SET tags = @tags, notes = @notes WHERE consultant_id = @consultantId AND id = @conversationId",
            new { consultantId, conversationId, tags = tags.ToArray(), notes }) == 1;
    }

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    /// <summary>Dapper's shape of a row (properties: Dapper will not match text[] to a constructor); the public shape is <see cref="ConversationListItem"/>.</summary>
    private sealed class ConversationRecord
    {
        public Guid Id { get; init; }
        public string ContactPhone { get; init; } = string.Empty;
        public string? DisplayName { get; init; }
        public bool IsLead { get; init; }
        public Guid? ClientId { get; init; }
        public bool AiEnabled { get; init; }
        public int MessageCount { get; init; }
        public int UnreadCount { get; init; }
        public DateTimeOffset? LastMessageAt { get; init; }
        public string? LastMessagePreview { get; init; }
        public bool NeedsReply { get; init; }
        public string? NeedsReplyReason { get; init; }
        public DateTimeOffset? AiOverriddenAt { get; init; }
        public string? AiOverriddenBy { get; init; }
        public DateTimeOffset? LastReadByConsultant { get; init; }
        public DateTimeOffset? LastInboundAt { get; init; }
        public DateTimeOffset? LeadConvertedAt { get; init; }
        public bool OptedOut { get; init; }
        public string[] Tags { get; init; } = [];
        public string? Notes { get; init; }
        public string? DecidedLanguage { get; init; }
        public string? DecidedLanguageSource { get; init; }
        public string? ClientLanguage { get; init; }

        public ConversationListItem ToListItem()
        {
            var language = LanguageRule.Current(LanguageChoice.FromStored(DecidedLanguage, DecidedLanguageSource), ClientLanguage, ContactPhone);
            return new ConversationListItem(
                new ConversationView(Id, ContactPhone, DisplayName, IsLead, ClientId, AiEnabled, MessageCount, UnreadCount,
                    LastMessageAt, LastMessagePreview, NeedsReply, NeedsReplyReason, AiOverriddenAt, AiOverriddenBy,
                    LastReadByConsultant, LastInboundAt, LeadConvertedAt, OptedOut, language.Language.Code, language.SourceName),
                Tags, Notes, language);
        }
    }
}
