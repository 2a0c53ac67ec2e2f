namespace Consultant.Api.Admin;

/// <param name="RequestsPerDay">The key's daily quota (requests a day its provider allows); null or absent: none.</param>
public sealed record AddAiKeyRequest(string? Label, string? ApiKey, int? RequestsPerDay = null);
