using Consultant.Grains.Abstractions;
using Consultant.Grains.Accounts;
using Consultant.Grains.Ai;
using Consultant.Grains.Clients;
using Consultant.Grains.Common;
using Consultant.Grains.FollowUps;
using NodaTime;
using Microsoft.Extensions.Logging;

namespace Consultant.Grains.Demo;

/// <summary>
/// Seeds the demo tenant once: a consultant with a known login, an administrator (so the demo shows the Orleans
/// Dashboard and the key pool), and three clients with records (the history seeder adds a fourth, a converted lead). Does nothing more when the demo account already
/// exists, so restarts never duplicate or overwrite data.
/// </summary>
public sealed partial class DemoSeeder(
    AccountService accounts,
    ConsultantAccountRepository accountRows,
    ClientService clients,
    ClientRecordsService records,
    AccountSettingsService settings,
    AccountSettingsRepository settingsRows,
    AiKeyPool pool,
    FollowUpRuleStore followUpRules,
    IGrainFactory grains,
    TimeProvider time,
    ILogger<DemoSeeder> logger)
{
    public const string Email = "demo@consultant.local";
    public const string Password = "demo-password";
    private const string DemoKeyLabel = "demo (Demo:AiApiKey)";

    public async Task SeedAsync()
    {
        if (await accountRows.FindByEmailAsync(Email) is { } existing)
        {
            // Seeded before administrators were a flag: still the demo account if it still has the demo password
            // (an account someone else registered under this e-mail would not).
            if (!existing.IsAdmin && accounts.HasPassword(existing, Password))
            {
                await accountRows.SetAdminAsync(existing.Id, isAdmin: true);
            }

            return;
        }

        var registered = await accounts.RegisterAsync(Email, Password, "Demo Consultant");
        if (registered.Value is not { } account)
        {
            return; // another silo seeded it at the same moment
        }

        await accountRows.SetAdminAsync(account.Id, isAdmin: true);
        await followUpRules.SaveAsync(account.Id, FollowUpRuleDefaults.SwitchedOn());

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var now = time.GetUtcNow();
        var zone = TimeZones.Get((await settings.GetCalendarAsync(account.Id)).TimeZone);

        var ana = await AddClientAsync(account.Id, new ClientInput("Ana García", "+34611223344", "ana@example.com", "es",
            "Lose 6 kg before her wedding in March; run 5 km without stopping."));
        await records.SaveWorkoutPlanAsync(account.Id, ana, new WorkoutPlanInput("Fat loss, 3 days a week",
            "Mon: full body strength (squat, push-up, row). Wed: 30 min intervals. Fri: full body strength + 20 min easy run."));
        await records.AddExerciseLogAsync(account.Id, ana, new ExerciseLogInput(today.AddDays(-2), "Goblet squat", 3, 12, 16m, "Good depth"));
        await records.AddExerciseLogAsync(account.Id, ana, new ExerciseLogInput(today.AddDays(-4), "Interval run", 1, null, null, "8 x 1 min fast / 1 min walk"));
        await records.AddConsultationAsync(account.Id, ana, new ConsultationInput(now.AddDays(-14), 45, "completed", "Initial assessment", "Weight 68 kg; knee fine"));
        await records.AddConsultationAsync(account.Id, ana, new ConsultationInput(WorkdayAt(zone, now, 5, 10), 30, "scheduled", "Monthly check-in", null));

        var marco = await AddClientAsync(account.Id, new ClientInput("Marco Rossi", "+393471234567", "marco@example.com", "it",
            "Build an emergency fund of 6 months and pay off the car loan."));
        await records.SaveFinanceAsync(account.Id, marco, new FinanceInput("EUR", 3200m, 2450m, 15000m, "Car loan: 4,800 EUR left at 6.9%"));
        await records.AddConsultationAsync(account.Id, marco, new ConsultationInput(now.AddDays(-7), 60, "completed", "Budget review", "Cut subscriptions by 80 EUR"));
        await records.AddConsultationAsync(account.Id, marco, new ConsultationInput(WorkdayAt(zone, now, 10, 15), 60, "scheduled", "Savings plan follow-up", null));

        var james = await AddClientAsync(account.Id, new ClientInput("James Carter", "+14155550123", "james@example.com", "en",
            "Gain muscle (+4 kg lean mass) and start investing 15% of income."));
        await records.SaveWorkoutPlanAsync(account.Id, james, new WorkoutPlanInput("Hypertrophy upper/lower split",
            "Upper A, Lower A, rest, Upper B, Lower B. 8-12 reps, last set to near failure. 2.5 g/kg protein target split in 4 meals."));
        await records.AddExerciseLogAsync(account.Id, james, new ExerciseLogInput(today.AddDays(-1), "Bench press", 4, 8, 80m, null));
        await records.AddExerciseLogAsync(account.Id, james, new ExerciseLogInput(today.AddDays(-3), "Romanian deadlift", 3, 10, 100m, "Keep the bar closer"));
        await records.SaveFinanceAsync(account.Id, james, new FinanceInput("USD", 7800m, 5100m, 25000m, "Wants an index fund; no debt"));
        await records.AddConsultationAsync(account.Id, james, new ConsultationInput(WorkdayAt(zone, now, 2, 11), 45, "scheduled", "Program review and investing basics", null));

        DemoSeeded(logger, Email);
    }

    /// <summary>
    /// A weekday at least <paramref name="days"/> ahead at <paramref name="hour"/>:00 in the consultant's zone: inside
    /// the default working hours, as every scheduled consultation must be.
    /// </summary>
    private static DateTimeOffset WorkdayAt(DateTimeZone zone, DateTimeOffset now, int days, int hour)
    {
        var date = Instant.FromDateTimeOffset(now).InZone(zone).Date.PlusDays(days);
        while (date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
        {
            date = date.PlusDays(1);
        }

        return date.At(new LocalTime(hour, 0)).InZoneLeniently(zone).ToDateTimeOffset();
    }

    /// <summary>
    /// With <c>Demo:Language</c> (run.sh: <c>it</c>) the demo consultant gets that language, and with it the default
    /// persona and acquisition script in that language, while they have chosen none: a language they chose is kept,
    /// and texts they saved are theirs in any language.
    /// </summary>
    public async Task SeedLanguageAsync(string? language)
    {
        if (string.IsNullOrWhiteSpace(language) || await accountRows.FindByEmailAsync(Email) is not { } demo
            || !accounts.HasPassword(demo, Password) || (await settingsRows.GetAsync(demo.Id)).UiCulture is not null)
        {
            return;
        }

        var saved = await settings.SaveAsync(demo.Id, new AccountSettingsInput(null, language.Trim(), null));
        if (saved.Value is null)
        {
            throw new InvalidOperationException($"Demo:Language '{language}' is not a dashboard language: use it or en.");
        }

        DemoLanguageSeeded(logger, Email, saved.Value.UiCulture);
    }

    /// <summary>
    /// With <c>Demo:AiApiKey</c> (run.sh passes <c>GEMINI_API_KEY</c>) the key pool gets that key once, so leads, and
    /// the simulator, are answered on a fresh install without an administrator.
    /// </summary>
    public async Task SeedPoolKeyAsync(string? apiKey)
    {
        if (string.IsNullOrWhiteSpace(apiKey) || (await pool.ListAsync()).Any(k => k.Label == DemoKeyLabel))
        {
            return;
        }

        await pool.AddAsync(DemoKeyLabel, apiKey.Trim());
        DemoKeySeeded(logger);
    }

    /// <summary>
    /// With <c>Demo:AiApiKey</c> the demo consultant also gets that key as their own, with "Answer leads with my own AI
    /// key" on, so one key answers the demo's clients and leads alike. Only while they have no key: one they saved is
    /// kept. Needs the silo running (the key lives in the consultant grain).
    /// </summary>
    public async Task SeedConsultantAiKeyAsync(string? apiKey)
    {
        if (string.IsNullOrWhiteSpace(apiKey) || await accountRows.FindByEmailAsync(Email) is not { } demo
            || !accounts.HasPassword(demo, Password))
        {
            return; // no key, or not the demo account (someone registered the address with their own password)
        }

        var consultant = grains.GetGrain<IConsultantGrain>(demo.Id);
        if ((await consultant.GetAiSettingsAsync()).HasAiApiKey)
        {
            return;
        }

        await consultant.SaveAiSettingsAsync(new AiSettingsUpdate(apiKey.Trim(), AnswerLeadsWithOwnKey: true));
        DemoConsultantKeySeeded(logger, Email);
    }

    private async Task<Guid> AddClientAsync(Guid consultantId, ClientInput input)
    {
        var result = await clients.CreateAsync(consultantId, input);
        return result.Value?.Id ?? throw new InvalidOperationException($"Demo client could not be created: {result.Errors}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Added the Demo:AiApiKey key to the AI key pool")]
    private static partial void DemoKeySeeded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gave {Email} the Demo:AiApiKey key as their own AI key, answering their leads too")]
    private static partial void DemoConsultantKeySeeded(ILogger logger, string email);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gave {Email} the dashboard language {Language} (Demo:Language)")]
    private static partial void DemoLanguageSeeded(ILogger logger, string email, string language);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo consultant {Email} with three clients")]
    private static partial void DemoSeeded(ILogger logger, string email);
}
