namespace Consultant.Api.Simulator;

/// <param name="ButtonPayload">A tap on an option of an interactive question: its payload (Text is then the option's title).</param>
public sealed record SimulatedMessageRequest(string? Phone, string? Text, string? ProfileName, string? ButtonPayload = null);
