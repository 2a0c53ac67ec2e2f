namespace Consultant.Api.Accounts;

public sealed record ConsultantDto(Guid Id, string Email, string Name);
