namespace Consultant.Grains.Clients;

public sealed record WorkoutPlanInput(string? Title, string? Details);
