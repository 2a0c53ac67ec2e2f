namespace Consultant.Grains.Clients;

/// <summary>Everything the AI may use about one client.</summary>
public sealed record ClientRecords(
    WorkoutPlan? WorkoutPlan,
    IReadOnlyList<ExerciseLog> ExerciseLog,
    FinanceSnapshot? Finance,
    IReadOnlyList<Consultation> Consultations);
