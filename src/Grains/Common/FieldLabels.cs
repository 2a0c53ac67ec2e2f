namespace Consultant.Grains.Common;

/// <summary>
/// A field's name in words, for messages people read: the API's problem details key errors by the field
/// ("monthlyIncome"), the message itself says "Monthly income …", as the dashboard labels it.
/// </summary>
public static class FieldLabels
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["name"] = "The name",
        ["email"] = "The e-mail address",
        ["goals"] = "The goals",
        ["title"] = "The plan's title",
        ["details"] = "The plan",
        ["exercise"] = "The exercise",
        ["notes"] = "The notes",
        ["sets"] = "Sets",
        ["reps"] = "Reps",
        ["weightKg"] = "The weight (kg)",
        ["monthlyIncome"] = "Monthly income",
        ["monthlyExpenses"] = "Monthly expenses",
        ["savingsGoal"] = "The savings goal",
        ["topic"] = "The topic",
    };

    /// <summary>The fields with a label of their own.</summary>
    public static IReadOnlyCollection<string> Fields => Labels.Keys;

    /// <summary>The label for <paramref name="field"/>; an unknown field in words ("someField" → "Some field").</summary>
    public static string Of(string field) => Labels.TryGetValue(field, out var label) ? label : Words(field);

    private static string Words(string field)
    {
        var words = string.Concat(field.Select((ch, i) => i > 0 && char.IsUpper(ch) ? " " + char.ToLowerInvariant(ch) : ch.ToString()));
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }
}
