namespace Consultant.Grains.Flows;

/// <summary>
/// What a lead answered at one step of a flow: the lead field it fills (goal, notes, email, phone, date, none), the
/// value kept (a choice's option id, the checked address, the booked time in ISO 8601) and what they wrote.
/// </summary>
public sealed record LeadAnswer(Guid FlowId, string StepId, FlowAnswerField Field, string Value, string Raw, DateTimeOffset AnsweredAt);
