using Consultant.Grains.Storage;
using Dapper;
using Npgsql;

namespace Consultant.Grains.Clients;

/// <summary>A client's workouts, finances and consultations. Every statement filters by consultant_id.</summary>
public sealed class ClientRecordsRepository(NpgsqlDataSource dataSource, SharedRoundTrips shared, TimeProvider time)
{
    /// <summary>All four records in one round trip: a client's every reply reads them.</summary>
    public async Task<ClientRecords> GetAsync(Guid consultantId, Guid clientId)
    {
        var results = await shared.RunAsync(
            new { consultantId, clientId },
            SharedStatement.Query<WorkoutPlan>(
                "SELECT title, details, updated_at AS UpdatedAt FROM workout_plans WHERE consultant_id = @consultantId AND client_id = @clientId"),
            SharedStatement.Query<ExerciseLog>(
                """
                SELECT id, performed_on AS PerformedOn, exercise, sets, reps, weight_kg AS WeightKg, notes
                  FROM exercise_logs WHERE consultant_id = @consultantId AND client_id = @clientId
                 ORDER BY performed_on DESC, created_at DESC LIMIT 100
                """),
            SharedStatement.Query<FinanceSnapshot>(
                """
                SELECT currency, monthly_income AS MonthlyIncome, monthly_expenses AS MonthlyExpenses, savings_goal AS SavingsGoal,
                       notes, updated_at AS UpdatedAt
                  FROM finance_snapshots WHERE consultant_id = @consultantId AND client_id = @clientId
                """),
            SharedStatement.Query<Consultation>(
                """
                SELECT id, scheduled_at AS ScheduledAt, duration_minutes AS DurationMinutes, status, topic, notes, meeting_link AS MeetingLink
                  FROM consultations WHERE consultant_id = @consultantId AND client_id = @clientId AND status <> 'held'
                 ORDER BY scheduled_at DESC LIMIT 100
                """));
        return new ClientRecords(
            results.SingleOrDefault<WorkoutPlan>(0), results.Rows<ExerciseLog>(1).ToList(), results.SingleOrDefault<FinanceSnapshot>(2),
            results.Rows<Consultation>(3).ToList());
    }

    public async Task SaveWorkoutPlanAsync(Guid consultantId, Guid clientId, string title, string details)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO workout_plans (client_id, consultant_id, title, details, updated_at)
            VALUES (@clientId, @consultantId, @title, @details, @now)
            ON CONFLICT (client_id) DO UPDATE SET title = EXCLUDED.title, details = EXCLUDED.details, updated_at = EXCLUDED.updated_at
            """,
            new { clientId, consultantId, title, details, now = time.GetUtcNow() });
    }

    public async Task AddExerciseLogAsync(Guid consultantId, Guid clientId, ExerciseLog entry)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO exercise_logs (id, consultant_id, client_id, performed_on, exercise, sets, reps, weight_kg, notes, created_at)
            VALUES (@Id, @consultantId, @clientId, @PerformedOn, @Exercise, @Sets, @Reps, @WeightKg, @Notes, @now)
            """,
            new { entry.Id, consultantId, clientId, entry.PerformedOn, entry.Exercise, entry.Sets, entry.Reps, entry.WeightKg, entry.Notes, now = time.GetUtcNow() });
    }

    public async Task<bool> DeleteExerciseLogAsync(Guid consultantId, Guid clientId, Guid entryId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync(
            "DELETE FROM exercise_logs WHERE consultant_id = @consultantId AND client_id = @clientId AND id = @entryId",
            new { consultantId, clientId, entryId }) == 1;
    }

    public async Task SaveFinanceAsync(Guid consultantId, Guid clientId, FinanceSnapshot snapshot)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO finance_snapshots (client_id, consultant_id, currency, monthly_income, monthly_expenses, savings_goal, notes, updated_at)
            VALUES (@clientId, @consultantId, @Currency, @MonthlyIncome, @MonthlyExpenses, @SavingsGoal, @Notes, @now)
            ON CONFLICT (client_id) DO UPDATE SET currency = EXCLUDED.currency, monthly_income = EXCLUDED.monthly_income,
                monthly_expenses = EXCLUDED.monthly_expenses, savings_goal = EXCLUDED.savings_goal,
                notes = EXCLUDED.notes, updated_at = EXCLUDED.updated_at
            """,
            new { clientId, consultantId, snapshot.Currency, snapshot.MonthlyIncome, snapshot.MonthlyExpenses, snapshot.SavingsGoal, snapshot.Notes, now = time.GetUtcNow() });
    }

    public async Task<bool> DeleteConsultationAsync(Guid consultantId, Guid clientId, Guid consultationId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync(
            "DELETE FROM consultations WHERE consultant_id = @consultantId AND client_id = @clientId AND id = @consultationId AND status <> 'held'",
            new { consultantId, clientId, consultationId }) == 1;
    }
}
