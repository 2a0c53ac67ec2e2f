namespace Consultant.Grains.Clients;

public sealed record WorkoutPlan(string Title, string Details, DateTimeOffset UpdatedAt);
