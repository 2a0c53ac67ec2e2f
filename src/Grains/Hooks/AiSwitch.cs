namespace Consultant.Grains.Hooks;

/// <summary>
/// The consultant took the conversation over (<paramref name="AiEnabled"/> false: the AI stops answering) or gave it
/// back (true); <paramref name="Phone"/> is the conversation's contact address. Its list row already says so.
/// </summary>
public sealed record AiSwitch(Guid ConsultantId, string Phone, bool AiEnabled);
