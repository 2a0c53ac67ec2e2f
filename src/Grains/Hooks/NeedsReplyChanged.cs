namespace Consultant.Grains.Hooks;

/// <summary>
/// Whether the conversation needs the consultant's reply changed, its list row written already: raised when a batch
/// settles needing it (the AI could not answer, the contact asked for a person), cleared when the consultant marks it
/// handled (they dealt with it another way, a call say). <paramref name="Phone"/> is the conversation's contact address.
/// </summary>
public sealed record NeedsReplyChanged(Guid ConsultantId, string Phone, bool NeedsReply);
