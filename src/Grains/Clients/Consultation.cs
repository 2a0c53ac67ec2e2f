namespace Consultant.Grains.Clients;

public sealed record Consultation(
    Guid Id, DateTimeOffset ScheduledAt, int DurationMinutes, string Status, string Topic, string? Notes, string? MeetingLink = null);
