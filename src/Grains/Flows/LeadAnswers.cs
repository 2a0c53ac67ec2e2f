namespace Consultant.Grains.Flows;

/// <summary>A lead's answers as the dashboard shows them: the latest value of each field, and every answer by step.</summary>
public sealed record LeadAnswers(string? Goal, string? Notes, string? Email, string? Phone, string? Date, IReadOnlyList<LeadAnswer> All)
{
    public static LeadAnswers Of(IReadOnlyList<LeadAnswer> answers)
    {
        string? Last(FlowAnswerField field) => answers.LastOrDefault(a => a.Field == field)?.Value;
        return new LeadAnswers(Last(FlowAnswerField.Goal), Last(FlowAnswerField.Notes), Last(FlowAnswerField.Email),
            Last(FlowAnswerField.Phone), Last(FlowAnswerField.Date), answers);
    }
}
