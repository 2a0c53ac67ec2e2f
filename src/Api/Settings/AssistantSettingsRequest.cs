namespace Consultant.Api.Settings;

public sealed record AssistantSettingsRequest(string? Persona, string? AcquisitionScript);
