using Consultant.Grains.Abstractions;

namespace Consultant.Grains.Inbox;

/// <summary>A page of the conversation list; tags and notes are the consultant's private metadata.</summary>
public sealed record ConversationListItem(ConversationView Conversation, IReadOnlyList<string> Tags, string? Notes);
