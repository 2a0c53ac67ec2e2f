namespace Consultant.Grains.Clients;

public sealed record Client(
    Guid Id,
    string Name,
    string Phone,
    string? Email,
    string Language,
    string? Goals,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>What a consultant types for a client; validated and normalised by <see cref="ClientService"/>.</summary>
public sealed record ClientInput(string? Name, string? Phone, string? Email, string? Language, string? Goals);

public sealed record ClientPage(IReadOnlyList<Client> Items, int Total, int Page, int PageSize);

public sealed record WorkoutPlan(string Title, string Details, DateTimeOffset UpdatedAt);

public sealed record ExerciseLog(
    Guid Id, DateOnly PerformedOn, string Exercise, int? Sets, int? Reps, decimal? WeightKg, string? Notes);

public sealed record FinanceSnapshot(
    string Currency, decimal MonthlyIncome, decimal MonthlyExpenses, decimal SavingsGoal, string? Notes, DateTimeOffset UpdatedAt);

public sealed record Consultation(
    Guid Id, DateTimeOffset ScheduledAt, int DurationMinutes, string Status, string Topic, string? Notes);

/// <summary>Everything the AI may use about one client.</summary>
public sealed record ClientRecords(
    WorkoutPlan? WorkoutPlan,
    IReadOnlyList<ExerciseLog> ExerciseLog,
    FinanceSnapshot? Finance,
    IReadOnlyList<Consultation> Consultations);

public static class ConsultationStatus
{
    public const string Scheduled = "scheduled";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlySet<string> All = new HashSet<string>([Scheduled, Completed, Cancelled]);
}
