namespace Consultant.Grains.Clients;

public sealed record ExerciseLog(
    Guid Id, DateOnly PerformedOn, string Exercise, int? Sets, int? Reps, decimal? WeightKg, string? Notes);
