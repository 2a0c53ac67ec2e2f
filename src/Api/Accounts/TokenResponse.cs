namespace Consultant.Api.Accounts;

public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt, ConsultantDto Consultant);
