namespace Consultant.Grains.Flows;

/// <summary>Where a step's answer lands on the lead (<c>whatsapp_lead_answers.field</c>); <see cref="None"/>: kept only as the step's raw answer.</summary>
public enum FlowAnswerField
{
    None,
    Goal,
    Notes,
    Email,
    Phone,
    Date,
}
