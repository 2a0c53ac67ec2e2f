using Consultant.Grains.Abstractions;
using Consultant.Grains.Accounts;
using Consultant.Grains.Analytics;
using Consultant.Grains.Clients;
using Consultant.Grains.Common;
using Consultant.Grains.Conversations;
using Consultant.Grains.Media;
using Consultant.Grains.Messages;
using Consultant.Grains.Storage;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using Npgsql;
using Orleans.Storage;

namespace Consultant.Grains.Demo;

/// <summary>
/// Writes <see cref="DemoHistory"/> for the demo consultant once: the messages, files, AI calls and funnel stages in
/// one transaction (skipped when its messages are there), then each conversation's state as its grain keeps it, so the
/// grain writes the Conversations list row itself and later messages, reads and replies build on the history instead
/// of starting from nothing. Needs the silo running (the grain storage and the grains).
/// </summary>
public sealed partial class DemoHistorySeeder(
    NpgsqlDataSource dataSource,
    ConsultantAccountRepository accountRows,
    AccountService accounts,
    AccountSettingsService settings,
    ClientService clients,
    DailyStatsClosing closing,
    IGrainFactory grains,
    IServiceProvider services,
    ILogger<DemoHistorySeeder> logger)
{
    private const string ConversationStateName = "conversation";
    private const string ConversationGrainType = "conversation";

    public async Task SeedAsync()
    {
        if (await accountRows.FindByEmailAsync(DemoSeeder.Email) is not { } demo || !accounts.HasPassword(demo, DemoSeeder.Password))
        {
            return; // no demo, or the address belongs to someone else
        }

        var calendar = await settings.GetCalendarAsync(demo.Id);
        var plan = DemoHistory.Plan(LocalDate.FromDateOnly(calendar.LocalToday), TimeZones.Get(calendar.TimeZone));
        var added = await WriteRowsAsync(demo.Id, plan);
        foreach (var convert in plan.Where(conversation => conversation.ConvertedAt is not null))
        {
            await clients.CreateAsync(demo.Id, new ClientInput(convert.Name, convert.Phone, null, null, "Started as a lead"));
        }

        foreach (var conversation in plan)
        {
            await ShowInListAsync(demo.Id, conversation);
        }

        if (added)
        {
            // Days the nightly close stored before the history existed are computed again.
            await closing.RecomputeAsync(demo.Id, AnalyticsPeriod.Last(DemoHistory.Days + 1, calendar.LocalToday));
            HistorySeeded(logger, DemoSeeder.Email, plan.Count, plan.Sum(conversation => conversation.Messages.Count));
        }
    }

    /// <summary>Every row of the history in one transaction; false (nothing written) when it is there already.</summary>
    private async Task<bool> WriteRowsAsync(Guid consultantId, IReadOnlyList<DemoConversation> plan)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext('demo-history'))", transaction: transaction); // two silos starting at once
        if (await connection.ExecuteScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM messages WHERE consultant_id = @consultantId AND starts_with(twilio_sid, @prefix))",
                new { consultantId, prefix = DemoHistory.SidPrefix }, transaction))
        {
            return false;
        }

        var random = new Random(30);
        var sid = 0;
        foreach (var conversation in plan)
        {
            foreach (var message in conversation.Messages)
            {
                var id = Guid.NewGuid();
                await connection.ExecuteAsync(InsertMessageSql, new
                {
                    id, consultantId, phone = conversation.Phone, direction = message.IsInbound ? "inbound" : "outbound",
                    sender = SenderOf(conversation, message), origin = message.Origin, body = message.Body,
                    twilioSid = message.IsInbound ? $"{DemoHistory.SidPrefix}{++sid:D5}" : null,
                    status = message.IsInbound ? "received" : "read", numMedia = message.MediaType is null ? 0 : 1,
                    profileName = message.IsInbound ? conversation.Name : null,
                    batchId = message.IsInbound ? message.BatchId : null,
                    replyToBatchId = message.Origin == MessageOrigin.Ai ? message.BatchId : null, at = message.At,
                }, transaction);
                if (message.MediaType is { } mediaType)
                {
                    await connection.ExecuteAsync(InsertMediaSql, new { consultantId, messageId = id, mediaType, fileName = FileName(mediaType), error = MediaProblemText.DemoFile, at = message.At }, transaction);
                    await InsertAiCallAsync(connection, transaction, consultantId, conversation.Phone, message.At.AddSeconds(3), random);
                }

                if (message.Origin == MessageOrigin.Ai)
                {
                    await InsertAiCallAsync(connection, transaction, consultantId, conversation.Phone, message.At.AddSeconds(-2), random);
                }
            }

            foreach (var (stage, at) in conversation.Stages)
            {
                await connection.ExecuteAsync(InsertStageSql, new
                {
                    consultantId, phone = conversation.Phone, stage, at,
                    source = stage is LeadStage.Qualified or LeadStage.Booked ? LeadStageSource.Consultant : LeadStageSource.Auto,
                }, transaction);
            }
        }

        await transaction.CommitAsync();
        return true;
    }

    /// <summary>
    /// The conversation's grain state as the pipeline would have left it (counts, last message, client or lead, read),
    /// unless the grain has one; then the grain recognises the contact and writes its list row.
    /// </summary>
    private async Task ShowInListAsync(Guid consultantId, DemoConversation conversation)
    {
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            // Listed already, or without its history: a contact the plan gained after the history was written (it is
            // written once, all of it) would be an empty chat beside the history's.
            if (await connection.ExecuteScalarAsync<bool>(
                    """
                    SELECT EXISTS (SELECT 1 FROM conversations WHERE consultant_id = @consultantId AND contact_phone = @phone)
                        OR NOT EXISTS (SELECT 1 FROM messages WHERE consultant_id = @consultantId AND contact_phone = @phone)
                    """,
                    new { consultantId, phone = conversation.Phone }))
            {
                return;
            }
        }

        var key = ConversationKey.Format(consultantId, conversation.Phone);
        var storage = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Conversations);
        var grainId = GrainId.Create(ConversationGrainType, key);
        var stored = new GrainState<ConversationState>(new ConversationState());
        await storage.ReadStateAsync(ConversationStateName, grainId, stored);
        if (!stored.RecordExists)
        {
            var last = conversation.Messages[^1];
            // Not yet identified: RecogniseContactAsync below sets client or lead from the clients table, as on a first
            // message, and keeps the conversion's own time.
            stored.State = new ConversationState
            {
                Initialized = false,
                LeadConvertedAt = conversation.ConvertedAt,
                AiEnabled = conversation.AiEnabled,
                MessageCount = conversation.Messages.Count,
                LastMessageAt = last.At,
                LastInboundAt = conversation.Messages.Last(message => message.IsInbound).At,
                DisplayName = conversation.Name,
                LastPreview = ConversationPreview.Of(last.Body, last.MediaType),
                LastReadByConsultant = last.At,
            };
            await storage.WriteStateAsync(ConversationStateName, grainId, stored);
        }

        await grains.GetGrain<IConversationGrain>(key).RecogniseContactAsync();
    }

    private static async Task InsertAiCallAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid consultantId, string phone, DateTimeOffset at, Random random) =>
        await connection.ExecuteAsync(
            """
            INSERT INTO ai_key_rotation_log (key_source, consultant_id, contact_phone, outcome, input_tokens, output_tokens, latency_ms, at)
            VALUES ('consultant', @consultantId, @phone, 'ok', @inputTokens, @outputTokens, @latencyMs, @at)
            """,
            new { consultantId, phone, inputTokens = random.Next(900, 2600), outputTokens = random.Next(60, 320), latencyMs = random.Next(700, 4000), at },
            transaction);

    /// <summary>A client's messages are the client's; a lead's stay the lead's until they became a client.</summary>
    private static string SenderOf(DemoConversation conversation, DemoMessage message) => message.Origin switch
    {
        null when conversation.IsClient || message.At >= conversation.ConvertedAt => MessageSender.Client,
        null => MessageSender.Lead,
        MessageOrigin.Consultant => MessageSender.Consultant,
        _ => MessageSender.Ai,
    };

    private static string FileName(string mediaType) => mediaType switch
    {
        "image/jpeg" => "photo.jpg",
        "application/pdf" => "statement.pdf",
        _ => "voice-note.ogg",
    };

    private const string InsertMessageSql =
        """
        INSERT INTO messages (id, consultant_id, contact_phone, direction, sender, origin, body, twilio_sid, status, num_media,
                              profile_name, batch_id, is_batched, reply_to_batch_id, part_index, created_at, sent_at,
                              delivered_at, read_at, handled_at, channel)
        VALUES (@id, @consultantId, @phone, @direction, @sender, @origin, @body, @twilioSid, @status, @numMedia,
                @profileName, @batchId, @batchId IS NOT NULL, @replyToBatchId, 0, @at,
                CASE WHEN @direction = 'outbound' THEN @at END, CASE WHEN @direction = 'outbound' THEN @at END,
                CASE WHEN @direction = 'outbound' THEN @at + interval '2 minutes' END, @at, 'whatsapp')
        """;

    // The files themselves are not part of the demo: the chat says so instead of showing one.
    private const string InsertMediaSql =
        """
        INSERT INTO whatsapp_media_files (id, consultant_id, message_id, media_index, direction, file_name, mime_type, state, error, created_at)
        VALUES (gen_random_uuid(), @consultantId, @messageId, 0, 'inbound', @fileName, @mediaType, 'failed', @error, @at)
        """;

    private const string InsertStageSql =
        """
        INSERT INTO lead_stage_events (consultant_id, contact_phone, stage, at, source)
        VALUES (@consultantId, @phone, @stage, @at, @source)
        ON CONFLICT (consultant_id, contact_phone, stage) DO NOTHING
        """;

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Email} with 30 days of history: {Conversations} conversations, {Messages} messages")]
    private static partial void HistorySeeded(ILogger logger, string email, int conversations, int messages);
}
