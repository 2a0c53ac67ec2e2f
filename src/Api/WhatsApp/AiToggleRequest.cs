namespace Consultant.Api.WhatsApp;

public sealed record AiToggleRequest(bool? AiEnabled);
