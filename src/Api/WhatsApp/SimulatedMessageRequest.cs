namespace Consultant.Api.WhatsApp;

public sealed record SimulatedMessageRequest(string? Phone, string? Text, string? ProfileName);
