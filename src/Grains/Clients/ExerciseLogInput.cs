namespace Consultant.Grains.Clients;

public sealed record ExerciseLogInput(DateOnly? PerformedOn, string? Exercise, int? Sets, int? Reps, decimal? WeightKg, string? Notes);
