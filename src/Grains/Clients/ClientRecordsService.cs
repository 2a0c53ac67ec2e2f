using System.Globalization;
using Consultant.Grains.Common;

namespace Consultant.Grains.Clients;

/// <summary>Validates and stores a client's workouts, finances and consultations, only for the owning consultant.</summary>
public sealed class ClientRecordsService(
    ClientRepository clients, ClientRecordsRepository records, IConsultationScheduler consultations, TimeProvider time)
{
    /// <summary>A consultation without a duration given.</summary>
    public const int DefaultConsultationMinutes = 60;

    public async Task<ClientRecords?> GetAsync(Guid consultantId, Guid clientId) =>
        await clients.GetAsync(consultantId, clientId) is null ? null : await records.GetAsync(consultantId, clientId);

    public Task<Result<ClientRecords>> SaveWorkoutPlanAsync(Guid consultantId, Guid clientId, WorkoutPlanInput input) =>
        SaveAsync(consultantId, clientId, errors =>
        {
            Require(errors, "title", input.Title, InputLimits.TitleLength);
            Require(errors, "details", input.Details, InputLimits.DetailsLength);
        }, () => records.SaveWorkoutPlanAsync(consultantId, clientId, input.Title!.Trim(), input.Details!.Trim()));

    public Task<Result<ClientRecords>> AddExerciseLogAsync(Guid consultantId, Guid clientId, ExerciseLogInput input) =>
        SaveAsync(consultantId, clientId, errors =>
        {
            Require(errors, "exercise", input.Exercise, InputLimits.TitleLength);
            errors.CheckLength("notes", input.Notes, InputLimits.NotesLength);
            if (input.PerformedOn is null)
            {
                errors.Add("performedOn", "The date of the session is required (yyyy-mm-dd).");
            }

            errors.CheckRange("sets", input.Sets, 0, InputLimits.MaxSets);
            errors.CheckRange("reps", input.Reps, 0, InputLimits.MaxReps);
            errors.CheckRange("weightKg", input.WeightKg, 0, InputLimits.MaxWeightKg);
        }, () => records.AddExerciseLogAsync(consultantId, clientId, new ExerciseLog(
            Guid.NewGuid(), input.PerformedOn!.Value, input.Exercise!.Trim(), input.Sets, input.Reps, input.WeightKg, Blank(input.Notes))));

    public Task<Result<ClientRecords>> SaveFinanceAsync(Guid consultantId, Guid clientId, FinanceInput input) =>
        SaveAsync(consultantId, clientId, errors =>
        {
            if (input.Currency is not { Length: 3 } currency || !currency.All(char.IsAsciiLetter))
            {
                errors.Add("currency", "The currency is a three-letter ISO code such as EUR, USD or BRL.");
            }

            RequiredAmount(errors, "monthlyIncome", input.MonthlyIncome);
            RequiredAmount(errors, "monthlyExpenses", input.MonthlyExpenses);
            RequiredAmount(errors, "savingsGoal", input.SavingsGoal);
            errors.CheckLength("notes", input.Notes, InputLimits.NotesLength);
        }, () => records.SaveFinanceAsync(consultantId, clientId, new FinanceSnapshot(
            input.Currency!.ToUpperInvariant(), input.MonthlyIncome!.Value, input.MonthlyExpenses!.Value,
            input.SavingsGoal!.Value, Blank(input.Notes), time.GetUtcNow())));

    public Task<Result<ClientRecords>> AddConsultationAsync(Guid consultantId, Guid clientId, ConsultationInput input)
    {
        var status = string.IsNullOrWhiteSpace(input.Status) ? ConsultationStatus.Scheduled : input.Status.Trim().ToLowerInvariant();
        return SaveAsync(consultantId, clientId, errors =>
        {
            Require(errors, "topic", input.Topic, InputLimits.TopicLength);
            errors.CheckLength("notes", input.Notes, InputLimits.NotesLength);
            if (input.ScheduledAt is null)
            {
                errors.Add("scheduledAt", "The date and time of the consultation are required.");
            }

            if (input.DurationMinutes is not null and not (>= InputLimits.MinConsultationMinutes and <= InputLimits.MaxConsultationMinutes))
            {
                errors.Add("durationMinutes",
                    $"The duration is between {InputLimits.MinConsultationMinutes} and {InputLimits.MaxConsultationMinutes} minutes.");
            }

            if (!ConsultationStatus.All.Contains(status))
            {
                errors.Add("status", "The status is scheduled, completed or cancelled.");
            }
        }, () => consultations.AddAsync(consultantId, clientId, new Consultation(
            Guid.NewGuid(), input.ScheduledAt!.Value.ToUniversalTime(), input.DurationMinutes ?? DefaultConsultationMinutes, status, input.Topic!.Trim(),
            Blank(input.Notes))));
    }

    public Task<bool> DeleteExerciseLogAsync(Guid consultantId, Guid clientId, Guid entryId) =>
        records.DeleteExerciseLogAsync(consultantId, clientId, entryId);

    /// <summary>A scheduled consultation is cancelled in every calendar before it goes (<see cref="IConsultationScheduler.DeleteAsync"/>).</summary>
    public Task<bool> DeleteConsultationAsync(Guid consultantId, Guid clientId, Guid consultationId) =>
        consultations.DeleteAsync(consultantId, clientId, consultationId);

    /// <summary>After a change the whole record set comes back, so the caller sees what the AI will see.</summary>
    private Task<Result<ClientRecords>> SaveAsync(Guid consultantId, Guid clientId, Action<ValidationErrors> validate, Func<Task> save) =>
        SaveAsync(consultantId, clientId, validate, async () =>
        {
            await save();
            return null;
        });

    /// <param name="save">Null when saved, else why not (a consultation's time taken).</param>
    private async Task<Result<ClientRecords>> SaveAsync(Guid consultantId, Guid clientId, Action<ValidationErrors> validate, Func<Task<Problem?>> save)
    {
        if (await clients.GetAsync(consultantId, clientId) is null)
        {
            return Problem.NotFound();
        }

        var errors = new ValidationErrors();
        validate(errors);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors);
        }

        return await save() is { } refused ? refused : await records.GetAsync(consultantId, clientId);
    }

    private static void Require(ValidationErrors errors, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"{FieldLabels.Of(field)} is required."));
        }
        else if (value.Trim().Length > maxLength)
        {
            errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"{FieldLabels.Of(field)} can have at most {maxLength:N0} characters."));
        }
    }

    private static void RequiredAmount(ValidationErrors errors, string field, decimal? value)
    {
        if (value is null)
        {
            errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"{FieldLabels.Of(field)} is required."));
        }
        else
        {
            errors.CheckAmount(field, value);
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
