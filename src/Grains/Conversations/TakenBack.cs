using Consultant.Grains.Messages;

namespace Consultant.Grains.Conversations;

/// <summary>
/// What <see cref="ConversationState.TakeBack"/> took from the table: how many messages, and those buffered anew (not
/// of a batch in flight), whose capabilities may not have been told of them.
/// </summary>
public sealed record TakenBack(int Count, IReadOnlyList<MessageRow> Buffered);
