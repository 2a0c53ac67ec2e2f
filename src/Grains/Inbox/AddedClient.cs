using Consultant.Grains.Clients;

namespace Consultant.Grains.Inbox;

/// <summary>A lead's contact added as a client: the new client and their conversation, now a client conversation.</summary>
public sealed record AddedClient(Client Client, ConversationListItem Conversation);
