namespace Consultant.Grains.Abstractions;

/// <summary>Whether an automated message went out, the message as the chat shows it (when stored), and why not in words.</summary>
[GenerateSerializer, Immutable]
[Alias("Consultant.AutomatedSendResult")]
public sealed record AutomatedSendResult(
    [property: Id(0)] AutomatedSendOutcome Outcome,
    [property: Id(1)] ChatMessageView? Message,
    /// <summary>Null when sent; otherwise why not (English, as the API gives it; the dashboard translates it).</summary>
    [property: Id(2)] string? Problem)
{
    public bool Sent => Outcome == AutomatedSendOutcome.Sent;
}
