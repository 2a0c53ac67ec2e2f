namespace Consultant.Grains.Booking;

/// <summary>
/// Availability as the API and the settings page send it; a field left out takes its default (Monday to Friday
/// 09:00–18:00, 60 minutes, no buffer, 2 hours' notice, 21 days ahead, no days off, no fixed link).
/// </summary>
public sealed record AvailabilityInput(
    IReadOnlyList<WorkingHoursInput>? WeeklyHours,
    int? ConsultationMinutes,
    int? BufferMinutes,
    int? MinimumNoticeMinutes,
    int? HorizonDays,
    IReadOnlyList<BlockedPeriodInput>? BlockedPeriods,
    string? MeetingLink);
