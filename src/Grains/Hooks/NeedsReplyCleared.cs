namespace Consultant.Grains.Hooks;

/// <summary>
/// The consultant marked the conversation handled ("Mark handled": they dealt with it another way, a call say): it no
/// longer needs their reply. <paramref name="Phone"/> is the conversation's contact address. Its list row already says so.
/// </summary>
public sealed record NeedsReplyCleared(Guid ConsultantId, string Phone);
