namespace Consultant.Api.Accounts;

public sealed record LoginRequest(string? Email, string? Password);
