using Consultant.Grains.Abstractions;

namespace Consultant.Grains.Hooks;

/// <summary>Messages that went out in one go; <paramref name="Problem"/> set when some could not be sent (kept, marked failed).</summary>
public sealed record SentReply(
    Guid ConsultantId, string Phone, ReplyAuthor Author, IReadOnlyList<ChatMessageView> Messages, string? Problem);
