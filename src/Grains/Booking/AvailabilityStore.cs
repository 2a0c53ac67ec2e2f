using System.Globalization;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace Consultant.Grains.Booking;

/// <summary>The <c>booking_availability</c> table: one row per consultant who changed the defaults.</summary>
public sealed class AvailabilityStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Null when the consultant never saved theirs (the defaults apply).</summary>
    public async Task<BookingAvailability?> GetAsync(Guid consultantId, string timeZone)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            """
            SELECT weekly_hours::text AS WeeklyHours, consultation_minutes AS ConsultationMinutes, buffer_minutes AS BufferMinutes,
                   minimum_notice_minutes AS MinimumNoticeMinutes, horizon_days AS HorizonDays,
                   blocked_periods::text AS BlockedPeriods, meeting_link AS MeetingLink
              FROM booking_availability WHERE consultant_id = @consultantId
            """,
            new { consultantId });
        return row is null ? null : new BookingAvailability(
            timeZone,
            [.. JsonSerializer.Deserialize<List<StoredHours>>(row.WeeklyHours, Json)!.Select(h => h.ToHours())],
            row.ConsultationMinutes, row.BufferMinutes, row.MinimumNoticeMinutes, row.HorizonDays,
            [.. JsonSerializer.Deserialize<List<StoredPeriod>>(row.BlockedPeriods, Json)!.Select(p => p.ToPeriod())],
            row.MeetingLink);
    }

    public async Task SaveAsync(Guid consultantId, BookingAvailability availability)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO booking_availability (consultant_id, weekly_hours, consultation_minutes, buffer_minutes,
                                              minimum_notice_minutes, horizon_days, blocked_periods, meeting_link, updated_at)
            VALUES (@consultantId, @weeklyHours::jsonb, @ConsultationMinutes, @BufferMinutes, @MinimumNoticeMinutes, @HorizonDays,
                    @blockedPeriods::jsonb, @MeetingLink, @now)
            ON CONFLICT (consultant_id) DO UPDATE SET weekly_hours = EXCLUDED.weekly_hours,
                consultation_minutes = EXCLUDED.consultation_minutes, buffer_minutes = EXCLUDED.buffer_minutes,
                minimum_notice_minutes = EXCLUDED.minimum_notice_minutes, horizon_days = EXCLUDED.horizon_days,
                blocked_periods = EXCLUDED.blocked_periods, meeting_link = EXCLUDED.meeting_link, updated_at = EXCLUDED.updated_at
            """,
            new
            {
                consultantId,
                weeklyHours = JsonSerializer.Serialize(availability.WeeklyHours.Select(StoredHours.Of), Json),
                availability.ConsultationMinutes,
                availability.BufferMinutes,
                availability.MinimumNoticeMinutes,
                availability.HorizonDays,
                blockedPeriods = JsonSerializer.Serialize(availability.BlockedPeriods.Select(StoredPeriod.Of), Json),
                availability.MeetingLink,
                now = time.GetUtcNow(),
            });
    }

    private sealed record Row(
        string WeeklyHours, int ConsultationMinutes, int BufferMinutes, int MinimumNoticeMinutes, int HorizonDays,
        string BlockedPeriods, string? MeetingLink);

    private sealed record StoredHours(string Day, string Start, string End)
    {
        public static StoredHours Of(WorkingHours hours) => new(
            AvailabilityRules.NameOf(hours.Day), hours.Start.ToString("HH:mm", CultureInfo.InvariantCulture),
            hours.End.ToString("HH:mm", CultureInfo.InvariantCulture));

        public WorkingHours ToHours() => new(
            Enum.Parse<DayOfWeek>(Day, ignoreCase: true), TimeOnly.ParseExact(Start, "HH:mm", CultureInfo.InvariantCulture),
            TimeOnly.ParseExact(End, "HH:mm", CultureInfo.InvariantCulture));
    }

    private sealed record StoredPeriod(DateOnly From, DateOnly To, string? Note)
    {
        public static StoredPeriod Of(BlockedPeriod period) => new(period.From, period.To, period.Note);

        public BlockedPeriod ToPeriod() => new(From, To, Note);
    }
}
