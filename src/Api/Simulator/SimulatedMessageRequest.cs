namespace Consultant.Api.Simulator;

public sealed record SimulatedMessageRequest(string? Phone, string? Text, string? ProfileName);
