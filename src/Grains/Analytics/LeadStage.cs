namespace Consultant.Grains.Analytics;

/// <summary>
/// The stages of the lead funnel, in order: <see cref="New"/> (first message) → <see cref="Engaged"/> (wrote again after
/// an answer) → <see cref="Qualified"/> (marked by the consultant or a guided flow) → <see cref="Booked"/> (a
/// consultation booked) → <see cref="Converted"/> (became a client). A lead may skip stages; its furthest stage is the
/// highest reached. The names are what the table, the API and the picker use.
/// </summary>
public static class LeadStage
{
    public const string New = "new";
    public const string Engaged = "engaged";
    public const string Qualified = "qualified";
    public const string Booked = "booked";
    public const string Converted = "converted";

    private static readonly string[] InOrder = [New, Engaged, Qualified, Booked, Converted];

    /// <summary>Every stage, first to last.</summary>
    public static IReadOnlyList<string> All { get; } = Array.AsReadOnly(InOrder);

    /// <summary>As a sentence for API users: "new, engaged, qualified, booked or converted".</summary>
    public static string AllText => string.Join(", ", InOrder[..^1]) + " or " + InOrder[^1];

    /// <summary>The stage's place in the funnel (new is 0); -1 for a name that is not a stage.</summary>
    public static int Rank(string? stage) => stage is null ? -1 : Array.IndexOf(InOrder, stage);

    /// <summary>The stage as written (any case, spaces around), or null when it is none.</summary>
    public static string? Find(string? text) =>
        text is null ? null : InOrder.FirstOrDefault(stage => string.Equals(stage, text.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>SQL: the place of the stage held in <paramref name="column"/> (1 for new, as PostgreSQL counts).</summary>
    public static string SqlRank(string column) => $"array_position(ARRAY['{string.Join("', '", InOrder)}'], {column})";
}
