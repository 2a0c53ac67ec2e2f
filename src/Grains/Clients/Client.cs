namespace Consultant.Grains.Clients;

/// <param name="Language">it, en, es or fr; null when not set (the contact's language then starts from their number).</param>
public sealed record Client(
    Guid Id,
    string Name,
    string Phone,
    string? Email,
    string? Language,
    string? Goals,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
