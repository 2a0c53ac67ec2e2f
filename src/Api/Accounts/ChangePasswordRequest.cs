namespace Consultant.Api.Accounts;

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);
