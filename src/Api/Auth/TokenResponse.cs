namespace Consultant.Api.Auth;

public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt, ConsultantDto Consultant);
