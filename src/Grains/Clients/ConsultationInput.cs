namespace Consultant.Grains.Clients;

public sealed record ConsultationInput(DateTimeOffset? ScheduledAt, int? DurationMinutes, string? Status, string? Topic, string? Notes);
