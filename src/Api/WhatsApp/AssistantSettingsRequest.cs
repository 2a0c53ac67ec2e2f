namespace Consultant.Api.WhatsApp;

public sealed record AssistantSettingsRequest(string? Persona, string? AcquisitionScript);
