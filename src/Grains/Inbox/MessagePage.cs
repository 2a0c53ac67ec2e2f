using Consultant.Grains.Abstractions;

namespace Consultant.Grains.Inbox;

public sealed record MessagePage(IReadOnlyList<ChatMessageView> Items, Guid? NextBefore);
