using Consultant.Grains.Clients;

namespace Consultant.Api.Inbox;

/// <summary>The new client and their conversation, now a client conversation.</summary>
public sealed record AddClientResponse(Client Client, ConversationResponse Conversation);
