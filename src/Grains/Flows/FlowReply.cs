namespace Consultant.Grains.Flows;

/// <summary>
/// What the contact wrote in one batch, as a flow reads it: the tap's payload (the last one, when several), the last
/// message's text (matched against the options) and all the texts together (a free-text answer).
/// </summary>
public sealed record FlowReply(string? ButtonPayload, string LastText, string AllText);
