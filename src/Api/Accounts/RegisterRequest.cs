namespace Consultant.Api.Accounts;

public sealed record RegisterRequest(string? Email, string? Password, string? Name);
