namespace Consultant.Grains.Demo;

/// <summary>One conversation of the demo's history: its messages in order and, for a lead, the funnel stages reached.</summary>
/// <param name="AiEnabled">Whether the AI answers it (off: the consultant answers by hand).</param>
/// <param name="ConvertedAt">When the lead became a client (then also a client), or null.</param>
public sealed record DemoConversation(
    string Phone, string Name, bool IsClient, bool AiEnabled, DateTimeOffset? ConvertedAt, IReadOnlyList<DemoMessage> Messages,
    IReadOnlyList<(string Stage, DateTimeOffset At)> Stages)
{
    /// <summary>Whether the contact was a lead when they first wrote (the Overview's and the funnel's "new lead").</summary>
    public bool WasLead => !IsClient;
}
