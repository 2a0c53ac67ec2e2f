namespace Consultant.Grains.Clients;

public sealed record Client(
    Guid Id,
    string Name,
    string Phone,
    string? Email,
    string Language,
    string? Goals,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
