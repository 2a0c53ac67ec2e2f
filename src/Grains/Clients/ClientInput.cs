namespace Consultant.Grains.Clients;

/// <summary>What a consultant types for a client; validated and normalised by <see cref="ClientService"/>.</summary>
public sealed record ClientInput(string? Name, string? Phone, string? Email, string? Language, string? Goals);
