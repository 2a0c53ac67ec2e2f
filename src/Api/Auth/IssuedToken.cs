namespace Consultant.Api.Auth;

public sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt);
