namespace Consultant.Grains.Broadcasts;

/// <summary>A recipient claimed for sending (status <c>sending</c>): the contact and how many tries it has had, this one included.</summary>
public sealed record ClaimedRecipient(string ContactPhone, string? Name, int Attempts);
