namespace Consultant.Api.Admin;

/// <param name="RequestsPerDay">The key's new daily quota; null or absent removes it.</param>
public sealed record AiKeyQuotaRequest(int? RequestsPerDay);
