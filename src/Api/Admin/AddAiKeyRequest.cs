namespace Consultant.Api.Admin;

public sealed record AddAiKeyRequest(string? Label, string? ApiKey);
