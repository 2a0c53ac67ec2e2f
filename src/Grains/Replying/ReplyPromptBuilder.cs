using System.Globalization;
using System.Text;
using Consultant.Grains.Clients;
using Consultant.Grains.Languages;
using Consultant.Grains.Messages;
using Microsoft.Extensions.AI;

namespace Consultant.Grains.Replying;

/// <summary>
/// Builds what the AI sees. A client's prompt holds the persona and that client's own records; a lead's prompt
/// holds only the acquisition script and the conversation, never any client's data.
/// </summary>
public static class ReplyPromptBuilder
{
    private const int LoggedSessionsShown = 10;

    public static IReadOnlyList<ChatMessage> ForClient(
        string persona, Client client, ClientRecords records, IReadOnlyList<MessageRow> history, MessageIntent intent, ContactLanguage language,
        DateTimeOffset now, string? bookingRules = null)
    {
        var system = new StringBuilder(persona.Trim()).AppendLine().AppendLine();
        system.AppendLine(CultureInfo.InvariantCulture, $"Today is {now:yyyy-MM-dd} (UTC).");
        system.AppendLine(LanguageLine(language));
        system.AppendLine().AppendLine("## The client");
        system.AppendLine(CultureInfo.InvariantCulture, $"Name: {client.Name}");
        system.AppendLine(CultureInfo.InvariantCulture, $"Goals: {client.Goals ?? "not recorded"}");

        system.AppendLine().AppendLine("## Workout plan");
        system.AppendLine(records.WorkoutPlan is { } plan ? $"{plan.Title}: {plan.Details}" : "No workout plan recorded.");

        system.AppendLine().AppendLine("## Recent training sessions");
        if (records.ExerciseLog.Count == 0)
        {
            system.AppendLine("None logged.");
        }

        foreach (var session in records.ExerciseLog.Take(LoggedSessionsShown))
        {
            system.AppendLine(CultureInfo.InvariantCulture,
                $"- {session.PerformedOn:yyyy-MM-dd}: {session.Exercise}{Detail("sets", session.Sets)}{Detail("reps", session.Reps)}{Detail("kg", session.WeightKg)}{(session.Notes is null ? "" : $" ({session.Notes})")}");
        }

        system.AppendLine().AppendLine("## Finances");
        system.AppendLine(records.Finance is { } finance
            ? string.Create(CultureInfo.InvariantCulture,
                $"Monthly income {finance.MonthlyIncome:0.##} {finance.Currency}, monthly expenses {finance.MonthlyExpenses:0.##} {finance.Currency}, savings goal {finance.SavingsGoal:0.##} {finance.Currency}.{(finance.Notes is null ? "" : " Notes: " + finance.Notes)}")
            : "No finance snapshot recorded.");

        system.AppendLine().AppendLine("## Consultations");
        if (records.Consultations.Count == 0)
        {
            system.AppendLine("None yet.");
        }

        foreach (var consultation in records.Consultations.OrderBy(c => c.ScheduledAt))
        {
            var when = consultation.ScheduledAt > now ? "upcoming" : "past";
            system.AppendLine(CultureInfo.InvariantCulture,
                $"- {consultation.ScheduledAt:yyyy-MM-dd HH:mm} UTC ({when}, {consultation.Status}, {consultation.DurationMinutes} min): {consultation.Topic}{(consultation.Notes is null ? "" : " - " + consultation.Notes)}");
        }

        system.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"The latest messages look like they are about: {Describe(intent)}.");
        return Compose(system.ToString(), history, bookingRules);
    }

    public static IReadOnlyList<ChatMessage> ForLead(
        string acquisitionScript, string? profileName, IReadOnlyList<MessageRow> history, ContactLanguage language, DateTimeOffset now,
        string? bookingRules = null)
    {
        var system = new StringBuilder(acquisitionScript.Trim()).AppendLine().AppendLine();
        system.AppendLine(CultureInfo.InvariantCulture, $"Today is {now:yyyy-MM-dd} (UTC).");
        system.AppendLine(LanguageLine(language));
        system.AppendLine(profileName is null
            ? "The person's WhatsApp name is not known."
            : $"The person's WhatsApp name is \"{profileName}\" (it may not be their real name).");
        system.AppendLine("This person is not a client: you have no records about them and must not mention any other person's data.");
        return Compose(system.ToString(), history, bookingRules);
    }

    /// <param name="bookingRules">How to use the booking tools (Booking/Chat), when they are offered.</param>
    private static List<ChatMessage> Compose(string system, IReadOnlyList<MessageRow> history, string? bookingRules)
    {
        var messages = new List<ChatMessage> { new(ChatRole.System, bookingRules is null ? system : system + "\n" + bookingRules) };
        messages.AddRange(history
            .Where(message => message.Body.Length > 0)
            .Select(message => new ChatMessage(message.Direction == "inbound" ? ChatRole.User : ChatRole.Assistant, message.Body)));
        return messages;
    }

    /// <summary>The contact's language by name (Languages/LanguageRule decides it; a short "ok" does not change it).</summary>
    private static string LanguageLine(ContactLanguage language) =>
        $"The contact's language is {language.EnglishName}: always answer in {language.EnglishName}.";

    private static string Detail<T>(string unit, T? value) where T : struct =>
        value is { } v ? string.Create(CultureInfo.InvariantCulture, $", {v} {unit}") : string.Empty;

    private static string Describe(MessageIntent intent) => intent switch
    {
        MessageIntent.Booking => "booking or changing a consultation",
        MessageIntent.Workout => "their workouts",
        MessageIntent.Nutrition => "nutrition",
        MessageIntent.Finance => "their finances",
        MessageIntent.Greeting => "a greeting",
        _ => "something else",
    };
}
