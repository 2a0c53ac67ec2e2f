namespace Consultant.Api.Auth;

public sealed record ConsultantDto(Guid Id, string Email, string Name);
