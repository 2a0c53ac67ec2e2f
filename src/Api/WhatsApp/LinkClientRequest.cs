namespace Consultant.Api.WhatsApp;

public sealed record LinkClientRequest(Guid? ClientId);
