namespace Consultant.Api.Inbox;

public sealed record LinkClientRequest(Guid? ClientId);
