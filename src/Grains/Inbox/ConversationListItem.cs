using Consultant.Grains.Abstractions;
using Consultant.Grains.Languages;

namespace Consultant.Grains.Inbox;

/// <summary>A page of the conversation list; tags and notes are the consultant's private metadata.</summary>
/// <param name="Language">The contact's language and why (null in an item built from a live event, which does not carry it).</param>
public sealed record ConversationListItem(ConversationView Conversation, IReadOnlyList<string> Tags, string? Notes, LanguageChoice? Language = null);
