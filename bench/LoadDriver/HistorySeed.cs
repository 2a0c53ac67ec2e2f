using Consultant.Grains.Analytics;
using Consultant.Grains.Common;
using Npgsql;
using NpgsqlTypes;

namespace Consultant.Bench;

/// <summary>
/// Bulk-copied history for the analytics benchmark, shaped like real use: contacts who start writing on some day and
/// keep writing; each batch of one or two messages (some with a photo, a document or a voice note) answered by the AI
/// (with its AI call), by the consultant minutes later, or not at all; follow-ups; a few failed sends; each lead's
/// stages. Fixed random seed, so every run seeds the same rows.
/// </summary>
internal static class HistorySeed
{
    public sealed record Counts(long Messages, int Contacts, long Media, long AiCalls, long LeadEvents);

    public static async Task<Counts> CopyAsync(string connectionString, Guid consultantId, string timeZone, DateOnly today, int days, int messages)
    {
        var random = new Random(15);
        var zone = TimeZones.Get(timeZone);
        var dayStarts = Enumerable.Range(0, days).Select(i => AnalyticsPeriod.Of(today.AddDays(i + 1 - days), today.AddDays(i + 1 - days)).Value!.In(zone))
            .ToArray();
        var contacts = Math.Max(100, messages / 50);
        var phones = Enumerable.Range(0, contacts).Select(i => "+39340" + (1_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var firstDay = Enumerable.Range(0, contacts).Select(_ => random.Next(days)).ToArray();
        var isLead = Enumerable.Range(0, contacts).Select(_ => random.NextDouble() < 0.7).ToArray();
        var furthest = isLead.Select(lead => lead ? Furthest(random) : -1).ToArray();
        var now = DateTimeOffset.UtcNow;

        // Contacts by the day they first wrote: on any day, one of those who had started by then writes.
        var byFirstDay = Enumerable.Range(0, contacts).OrderBy(contact => firstDay[contact]).ToArray();
        var startedBy = Enumerable.Range(0, days).Select(day => byFirstDay.Count(contact => firstDay[contact] <= day)).ToArray();
        var rows = new List<MessageRow>(messages + 4);
        var mediaRows = new List<(Guid MessageId, string Mime, DateTimeOffset At)>();
        var aiRows = new List<(string Phone, DateTimeOffset At, int In, int Out)>();
        var firstAt = Enumerable.Repeat(DateTimeOffset.MaxValue, contacts).ToArray();
        for (var exchange = 0; rows.Count < messages; exchange++)
        {
            // Every contact's first exchange first (it makes them new), then a day of the year and a contact who had started by then.
            var day = exchange < contacts ? firstDay[byFirstDay[exchange]] : random.Next(days);
            if (startedBy[day] == 0)
            {
                continue;
            }

            var contact = exchange < contacts ? byFirstDay[exchange] : byFirstDay[random.Next(startedBy[day])];
            var (start, end) = (dayStarts[day].Start, dayStarts[day].End);
            var at = start + TimeSpan.FromSeconds(random.NextDouble() * (end - start).TotalSeconds * 0.95);
            if (at > now.AddHours(-3))
            {
                continue; // today only up to now, with its replies sent
            }

            if (at < firstAt[contact])
            {
                firstAt[contact] = at;
            }

            var phone = phones[contact];
            var sender = isLead[contact] ? "lead" : "client";
            var batch = Guid.NewGuid();
            var inbound = random.NextDouble() < 0.3 ? 2 : 1;
            var last = at;
            for (var part = 0; part < inbound; part++)
            {
                last = at + TimeSpan.FromSeconds(part * 20);
                var id = Guid.NewGuid();
                var withMedia = random.NextDouble() < 0.03;
                rows.Add(new(id, phone, "inbound", sender, null, "received", withMedia ? 1 : 0, batch, null, last, null));
                if (withMedia)
                {
                    mediaRows.Add((id, random.Next(3) switch { 0 => "image/jpeg", 1 => "application/pdf", _ => "audio/ogg" }, last));
                }
            }

            var reply = random.NextDouble();
            if (reply < 0.75)
            {
                var failed = random.NextDouble() < 0.01;
                rows.Add(new(Guid.NewGuid(), phone, "outbound", "ai", "ai", failed ? "failed" : "delivered", 0, null, batch, last.AddSeconds(3),
                    failed ? null : last.AddSeconds(3 + random.NextDouble() * 6)));
                aiRows.Add((phone, last.AddSeconds(1), 600 + random.Next(1200), 80 + random.Next(300)));
            }
            else if (reply < 0.9)
            {
                var answered = last.AddMinutes(2 + random.Next(120));
                rows.Add(new(Guid.NewGuid(), phone, "outbound", "consultant", "consultant", "read", 0, null, null, answered, answered));
            }

            if (random.NextDouble() < 0.04)
            {
                var followUp = last.AddHours(20);
                rows.Add(new(Guid.NewGuid(), phone, "outbound", "ai", "followup", "delivered", 0, null, null, followUp, followUp));
            }
        }

        // In time order, as a live database has them (a day's rows close together on disk).
        rows.Sort((a, b) => a.CreatedAt.CompareTo(b.CreatedAt));
        aiRows.Sort((a, b) => a.At.CompareTo(b.At));
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var messageCopy = await connection.BeginBinaryImportAsync(MessagesCopy))
        {
            foreach (var row in rows)
            {
                await WriteMessageAsync(messageCopy, consultantId, row);
            }

            await messageCopy.CompleteAsync();
        }

        await using (var mediaCopy = await connection.BeginBinaryImportAsync(
            "COPY whatsapp_media_files (id, consultant_id, message_id, media_index, direction, file_name, mime_type, state, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (messageId, mime, at) in mediaRows)
            {
                await mediaCopy.StartRowAsync();
                await mediaCopy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                await mediaCopy.WriteAsync(consultantId, NpgsqlDbType.Uuid);
                await mediaCopy.WriteAsync(messageId, NpgsqlDbType.Uuid);
                await mediaCopy.WriteAsync(0, NpgsqlDbType.Integer);
                await mediaCopy.WriteAsync("inbound", NpgsqlDbType.Text);
                await mediaCopy.WriteAsync("file", NpgsqlDbType.Text);
                await mediaCopy.WriteAsync(mime, NpgsqlDbType.Text);
                await mediaCopy.WriteAsync("done", NpgsqlDbType.Text);
                await mediaCopy.WriteAsync(at, NpgsqlDbType.TimestampTz);
            }

            await mediaCopy.CompleteAsync();
        }

        await using (var aiCopy = await connection.BeginBinaryImportAsync(
            "COPY ai_key_rotation_log (key_source, consultant_id, contact_phone, outcome, input_tokens, output_tokens, latency_ms, at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (phone, at, tokensIn, tokensOut) in aiRows)
            {
                await aiCopy.StartRowAsync();
                await aiCopy.WriteAsync("consultant", NpgsqlDbType.Text);
                await aiCopy.WriteAsync(consultantId, NpgsqlDbType.Uuid);
                await aiCopy.WriteAsync(phone, NpgsqlDbType.Text);
                await aiCopy.WriteAsync("ok", NpgsqlDbType.Text);
                await aiCopy.WriteAsync(tokensIn, NpgsqlDbType.Integer);
                await aiCopy.WriteAsync(tokensOut, NpgsqlDbType.Integer);
                await aiCopy.WriteAsync(700 + tokensOut, NpgsqlDbType.Integer);
                await aiCopy.WriteAsync(at, NpgsqlDbType.TimestampTz);
            }

            await aiCopy.CompleteAsync();
        }

        long leadEvents = 0;
        await using (var conversationCopy = await connection.BeginBinaryImportAsync(
            "COPY conversations (id, consultant_id, contact_phone, is_lead, lead_converted_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var contact in Enumerable.Range(0, contacts).Where(contact => firstAt[contact] != DateTimeOffset.MaxValue))
            {
                var converted = furthest[contact] == 4;
                await conversationCopy.StartRowAsync();
                await conversationCopy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                await conversationCopy.WriteAsync(consultantId, NpgsqlDbType.Uuid);
                await conversationCopy.WriteAsync(phones[contact], NpgsqlDbType.Text);
                await conversationCopy.WriteAsync(isLead[contact] && !converted, NpgsqlDbType.Boolean);
                if (converted)
                {
                    await conversationCopy.WriteAsync(StageAt(firstAt[contact], 4, now), NpgsqlDbType.TimestampTz);
                }
                else
                {
                    await conversationCopy.WriteNullAsync();
                }

                await conversationCopy.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }

            await conversationCopy.CompleteAsync();
        }

        await using (var stageCopy = await connection.BeginBinaryImportAsync(
            "COPY lead_stage_events (consultant_id, contact_phone, stage, at, source) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var contact in Enumerable.Range(0, contacts).Where(contact => firstAt[contact] != DateTimeOffset.MaxValue))
            {
                for (var rank = 0; rank <= furthest[contact]; rank++)
                {
                    await stageCopy.StartRowAsync();
                    await stageCopy.WriteAsync(consultantId, NpgsqlDbType.Uuid);
                    await stageCopy.WriteAsync(phones[contact], NpgsqlDbType.Text);
                    await stageCopy.WriteAsync(LeadStage.All[rank], NpgsqlDbType.Text);
                    await stageCopy.WriteAsync(StageAt(firstAt[contact], rank, now), NpgsqlDbType.TimestampTz);
                    await stageCopy.WriteAsync("auto", NpgsqlDbType.Text);
                    leadEvents++;
                }
            }

            await stageCopy.CompleteAsync();
        }

        return new Counts(rows.Count, contacts, mediaRows.Count, aiRows.Count, leadEvents);
    }

    /// <summary>
    /// <paramref name="consultants"/> consultants (made straight in the table), each with yesterday's messages and
    /// the day before stored as closed, so the close has exactly yesterday to do for each. Returns their ids.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> CopyClosingDayAsync(string connectionString, int consultants, int messagesEach, DateOnly day, string timeZone)
    {
        var random = new Random(16);
        var (start, end) = AnalyticsPeriod.Of(day, day).Value!.In(TimeZones.Get(timeZone));
        var ids = Enumerable.Range(0, consultants).Select(_ => Guid.NewGuid()).ToList();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var accounts = await connection.BeginBinaryImportAsync(
            "COPY consultants (id, email, email_normalized, name, password_hash, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var id in ids)
            {
                var email = $"bench-{id:N}@example.com";
                await accounts.StartRowAsync();
                await accounts.WriteAsync(id, NpgsqlDbType.Uuid);
                await accounts.WriteAsync(email, NpgsqlDbType.Text);
                await accounts.WriteAsync(email.ToUpperInvariant(), NpgsqlDbType.Text);
                await accounts.WriteAsync("Bench " + id.ToString("N")[..6], NpgsqlDbType.Text);
                await accounts.WriteAsync("not-a-hash", NpgsqlDbType.Text);
                await accounts.WriteAsync(start.AddDays(-30), NpgsqlDbType.TimestampTz);
            }

            await accounts.CompleteAsync();
        }

        var rows = new List<(Guid ConsultantId, MessageRow Row)>();
        foreach (var id in ids)
        {
            for (var i = 0; i < messagesEach / 2; i++)
            {
                var phone = "+39341" + random.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var at = start + TimeSpan.FromSeconds(random.NextDouble() * (end - start).TotalSeconds * 0.95);
                var batch = Guid.NewGuid();
                rows.Add((id, new(Guid.NewGuid(), phone, "inbound", "lead", null, "received", 0, batch, null, at, null)));
                rows.Add((id, new(Guid.NewGuid(), phone, "outbound", "ai", "ai", "delivered", 0, null, batch, at.AddSeconds(3), at.AddSeconds(5))));
            }
        }

        rows.Sort((a, b) => a.Row.CreatedAt.CompareTo(b.Row.CreatedAt));
        await using (var messages = await connection.BeginBinaryImportAsync(MessagesCopy))
        {
            foreach (var (id, row) in rows)
            {
                await WriteMessageAsync(messages, id, row);
            }

            await messages.CompleteAsync();
        }

        await using var before = new NpgsqlCommand(
            """
            INSERT INTO whatsapp_daily_stats (consultant_id, day, time_zone, inbound, outbound, ai_replies, consultant_replies, automated,
                   unique_contacts, new_leads, converted_leads, ai_response_count, consultant_response_count, images, documents, audio,
                   failed, ai_calls, ai_tokens_in, ai_tokens_out, computed_at)
            SELECT id, @day, @zone, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, now() FROM unnest(@ids) AS id
            """, connection);
        before.Parameters.AddWithValue("day", day.AddDays(-1));
        before.Parameters.AddWithValue("zone", timeZone);
        before.Parameters.AddWithValue("ids", ids.ToArray());
        await before.ExecuteNonQueryAsync();
        return ids;
    }

    private const string MessagesCopy =
        "COPY messages (id, consultant_id, contact_phone, direction, sender, origin, body, status, num_media, batch_id, is_batched, reply_to_batch_id, part_index, created_at, sent_at, handled_at) FROM STDIN (FORMAT BINARY)";

    private sealed record MessageRow(
        Guid Id, string Phone, string Direction, string Sender, string? Origin, string Status, int Media, Guid? Batch, Guid? ReplyTo,
        DateTimeOffset CreatedAt, DateTimeOffset? SentAt);

    private static async Task WriteMessageAsync(NpgsqlBinaryImporter copy, Guid consultantId, MessageRow row)
    {
        await copy.StartRowAsync();
        await copy.WriteAsync(row.Id, NpgsqlDbType.Uuid);
        await copy.WriteAsync(consultantId, NpgsqlDbType.Uuid);
        await copy.WriteAsync(row.Phone, NpgsqlDbType.Text);
        await copy.WriteAsync(row.Direction, NpgsqlDbType.Text);
        await copy.WriteAsync(row.Sender, NpgsqlDbType.Text);
        await WriteOrNullAsync(copy, row.Origin, NpgsqlDbType.Text);
        await copy.WriteAsync("bench message", NpgsqlDbType.Text);
        await copy.WriteAsync(row.Status, NpgsqlDbType.Text);
        await copy.WriteAsync(row.Media, NpgsqlDbType.Integer);
        await WriteOrNullAsync(copy, row.Batch, NpgsqlDbType.Uuid);
        await copy.WriteAsync(row.Batch is not null, NpgsqlDbType.Boolean);
        await WriteOrNullAsync(copy, row.ReplyTo, NpgsqlDbType.Uuid);
        await copy.WriteAsync(0, NpgsqlDbType.Integer); // part index: one part each
        await copy.WriteAsync(row.CreatedAt, NpgsqlDbType.TimestampTz);
        await WriteOrNullAsync(copy, row.SentAt, NpgsqlDbType.TimestampTz);
        await copy.WriteAsync(row.CreatedAt, NpgsqlDbType.TimestampTz); // handled: nothing for the pipeline to pick up
    }

    private static async Task WriteOrNullAsync(NpgsqlBinaryImporter copy, object? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            await copy.WriteNullAsync();
        }
        else
        {
            await copy.WriteAsync(value, type);
        }
    }

    /// <summary>How far a lead got: half stay new, then fewer at each stage (0 new … 4 converted).</summary>
    private static int Furthest(Random random) => random.NextDouble() switch
    {
        < 0.50 => 0,
        < 0.80 => 1,
        < 0.90 => 2,
        < 0.96 => 3,
        _ => 4,
    };

    /// <summary>When a lead reached a stage: a day apart each, never in the future.</summary>
    private static DateTimeOffset StageAt(DateTimeOffset first, int rank, DateTimeOffset now)
    {
        var at = first.AddDays(rank);
        return at > now ? now : at;
    }
}
