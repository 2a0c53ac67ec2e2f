using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;
using Consultant.Grains.Storage;
using Dapper;
using Npgsql;

namespace Consultant.Grains.Media;

/// <summary>The whatsapp_media_files table. Every statement filters by consultant_id.</summary>
public sealed class MediaRepository(NpgsqlDataSource dataSource)
{
    private const string RowColumns =
        """
        f.id, f.consultant_id AS ConsultantId, f.message_id AS MessageId, f.media_index AS MediaIndex, f.direction,
        f.original_url AS OriginalUrl, f.declared_mime_type AS DeclaredMimeType, f.file_name AS FileName,
        f.mime_type AS MimeType, f.file_size AS FileSize, f.state, f.downloaded, f.local_path AS LocalPath, f.error,
        m.contact_phone AS ContactPhone
        """;

    /// <summary>A file with its message (for the contact's phone and the batch).</summary>
    private const string FilesWithMessages =
        "whatsapp_media_files f JOIN messages m ON m.id = f.message_id AND m.consultant_id = f.consultant_id";

    private const string ViewColumns =
        """
        f.id, f.message_id AS MessageId, f.mime_type AS MimeType, f.declared_mime_type AS DeclaredMimeType, f.file_name AS FileName,
        f.file_size AS FileSize, f.state, f.downloaded, f.error, f.ai_analysis::text AS Analysis, f.metadata::text AS Metadata
        """;

    /// <summary>Records the media Twilio announced for an inbound message, once (a retried webhook adds nothing). Returns their ids.</summary>
    public async Task<IReadOnlyList<Guid>> RecordInboundAsync(Guid consultantId, Guid messageId, IReadOnlyList<InboundMedia> media, DateTimeOffset now)
    {
        if (media.Count == 0)
        {
            return [];
        }

        await using var connection = await dataSource.OpenConnectionAsync();
        for (var index = 0; index < media.Count; index++)
        {
            var declared = media[index].ContentType;
            await connection.ExecuteAsync(
                """
                INSERT INTO whatsapp_media_files (id, consultant_id, message_id, media_index, direction, original_url,
                                                  declared_mime_type, file_name, created_at)
                VALUES (@id, @consultantId, @messageId, @index, 'inbound', @url, @declared, @fileName, @now)
                ON CONFLICT (message_id, media_index) DO NOTHING
                """,
                new
                {
                    id = Guid.NewGuid(), consultantId, messageId, index, url = media[index].Url, declared,
                    fileName = $"media{index}{MediaSniffer.Extension(declared?.Split(';')[0].Trim().ToLowerInvariant())}", now,
                });
        }

        return (await connection.QueryAsync<Guid>(
            "SELECT id FROM whatsapp_media_files WHERE consultant_id = @consultantId AND message_id = @messageId ORDER BY media_index",
            new { consultantId, messageId })).ToList();
    }

    /// <summary>
    /// A consultant's attachment, stored and ready: its row carries the hash of the token in the link Twilio fetches
    /// (the token itself is never stored). Returns the token.
    /// </summary>
    public async Task<string> RecordOutboundAsync(Guid consultantId, OutboundAttachment attachment, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        var token = SecretTokens.New();
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO whatsapp_media_files (id, consultant_id, message_id, media_index, direction, file_name, mime_type, file_size,
                                              state, downloaded, downloaded_at, local_path, public_token_hash, public_expires_at, created_at)
            VALUES (@id, @consultantId, @messageId, 0, 'outbound', @fileName, @mimeType, @fileSize,
                    'done', true, @now, @localPath, @hash, @expiresAt, @now)
            ON CONFLICT (message_id, media_index) DO UPDATE SET public_token_hash = excluded.public_token_hash,
                                                                public_expires_at = excluded.public_expires_at
            """,
            new
            {
                id = Guid.NewGuid(), consultantId, attachment.MessageId, attachment.FileName, attachment.MimeType, attachment.FileSize,
                now, attachment.LocalPath, hash = HashToken(token), expiresAt,
            });
        return token;
    }

    public async Task<MediaFileRow?> FindAsync(Guid consultantId, Guid mediaId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<MediaFileRow>(
            $"""
            SELECT {RowColumns} FROM {FilesWithMessages}
             WHERE f.consultant_id = @consultantId AND f.id = @mediaId
            """,
            new { consultantId, mediaId });
    }

    /// <summary>The attachment a public link names, while the link is valid; null otherwise.</summary>
    public async Task<MediaFileRow?> FindByPublicTokenAsync(string token, DateTimeOffset now)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<MediaFileRow>(
            $"""
            SELECT {RowColumns} FROM {FilesWithMessages}
             WHERE f.public_token_hash = @hash AND f.public_expires_at > @now
            """,
            new { hash = HashToken(token), now });
    }

    /// <summary>The media of a batch's messages (the reply waits for them and uses their analysis).</summary>
    public async Task<IReadOnlyList<MediaFileRow>> ListForBatchAsync(Guid consultantId, Guid batchId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<MediaFileRow>(
            $"""
            SELECT {RowColumns} FROM {FilesWithMessages}
             WHERE f.consultant_id = @consultantId AND m.batch_id = @batchId
             ORDER BY m.created_at, f.media_index
            """,
            new { consultantId, batchId })).ToList();
    }

    /// <summary>Media left pending for longer than a normal download takes (their silo stopped): the sweep restarts them.</summary>
    public async Task<IReadOnlyList<(Guid ConsultantId, Guid MediaId)>> FindStalledAsync(DateTimeOffset olderThan, int limit)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(Guid, Guid)>(
            "SELECT consultant_id, id FROM whatsapp_media_files WHERE state = 'pending' AND created_at < @olderThan ORDER BY created_at LIMIT @limit",
            new { olderThan, limit });
        return rows.ToList();
    }

    /// <summary>
    /// Counts one more processing run of a pending file before it starts, so a run that dies (an exception, a stopped
    /// silo) has counted too. Returns the run's number; null when the file is no longer pending.
    /// </summary>
    public async Task<int?> StartAttemptAsync(Guid consultantId, Guid mediaId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<int?>(
            """
            UPDATE whatsapp_media_files SET attempts = attempts + 1
             WHERE consultant_id = @consultantId AND id = @mediaId AND state = 'pending'
            RETURNING attempts
            """,
            new { consultantId, mediaId });
    }

    public async Task MarkDownloadedAsync(Guid consultantId, Guid mediaId, string mimeType, string fileName, long fileSize, string localPath, DateTimeOffset at)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            UPDATE whatsapp_media_files
               SET downloaded = true, downloaded_at = @at, mime_type = @mimeType, file_name = @fileName, file_size = @fileSize,
                   local_path = @localPath
             WHERE consultant_id = @consultantId AND id = @mediaId
            """,
            new { consultantId, mediaId, mimeType, fileName, fileSize, localPath, at });
    }

    /// <summary>The file is stored; <paramref name="analysis"/> is null for types that are not analysed.</summary>
    public async Task MarkDoneAsync(Guid consultantId, Guid mediaId, MediaAnalysis? analysis, string? extractedText, IReadOnlyDictionary<string, object?>? metadata)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            UPDATE whatsapp_media_files
               SET state = 'done', ai_processed = @processed, ai_analysis = @analysis::jsonb, extracted_text = @extractedText,
                   metadata = metadata || @metadata::jsonb, error = NULL
             WHERE consultant_id = @consultantId AND id = @mediaId
            """,
            new
            {
                consultantId, mediaId, processed = analysis is not null, extractedText,
                analysis = analysis is null ? null : JsonSerializer.Serialize(analysis, JsonOptions),
                metadata = JsonSerializer.Serialize(metadata ?? new Dictionary<string, object?>(), JsonOptions),
            });
    }

    /// <summary>Could not be downloaded or analysed: the reason, in words, is shown under the media and given to the AI.</summary>
    public async Task MarkFailedAsync(Guid consultantId, Guid mediaId, string error, string? extractedText = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            UPDATE whatsapp_media_files SET state = 'failed', error = @error, extracted_text = coalesce(@extractedText, extracted_text)
             WHERE consultant_id = @consultantId AND id = @mediaId
            """,
            new { consultantId, mediaId, error, extractedText });
    }

    /// <summary>The media of these messages as the dashboard shows them, by message.</summary>
    public async Task<ILookup<Guid, MediaView>> ViewsForMessagesAsync(Guid consultantId, IReadOnlyCollection<Guid> messageIds)
    {
        if (messageIds.Count == 0)
        {
            return Array.Empty<MediaView>().ToLookup(_ => Guid.Empty);
        }

        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<MediaViewRecord>(
            $"""
            SELECT {ViewColumns} FROM whatsapp_media_files f
             WHERE f.consultant_id = @consultantId AND f.message_id = ANY(@ids)
             ORDER BY f.media_index
            """,
            new { consultantId, ids = messageIds.ToArray() });
        return rows.ToLookup(r => r.MessageId, r => r.ToView());
    }

    public static byte[] HashToken(string token) => SecretTokens.Hash(token);

    private static JsonSerializerOptions JsonOptions => DatabaseText.Json; // jsonb cannot hold NUL either

    private sealed record MediaViewRecord(
        Guid Id, Guid MessageId, string? MimeType, string? DeclaredMimeType, string FileName, long? FileSize, string State, bool Downloaded,
        string? Error, string? Analysis, string? Metadata)
    {
        public MediaView ToView()
        {
            var analysis = Analysis is null ? null : JsonSerializer.Deserialize<MediaAnalysis>(Analysis, JsonOptions);
            using var metadata = JsonDocument.Parse(Metadata ?? "{}");
            var root = metadata.RootElement;
            return new MediaView(
                Id, MediaKind.OfMimeType(MimeType ?? DeclaredMimeType), MimeType ?? DeclaredMimeType, FileName, FileSize, State, Downloaded,
                Error, analysis?.Kind, analysis?.Summary, analysis?.Details,
                root.TryGetProperty("audioTranscript", out var transcript) ? transcript.GetString() : null,
                root.TryGetProperty("audioDuration", out var duration) && duration.ValueKind == JsonValueKind.Number ? duration.GetDouble() : null,
                analysis?.Kind == "voice_note" ? null : analysis?.Text);
        }
    }
}
