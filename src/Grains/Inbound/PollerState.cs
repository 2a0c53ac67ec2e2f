namespace Consultant.Grains.Inbound;

[GenerateSerializer]
[Alias("Consultant.PollerState")]
public sealed class PollerState
{
    [Id(0)] public bool Enabled { get; set; }

    /// <summary>Latest DateSent handed to a conversation; the next poll asks Twilio from a little before it.</summary>
    [Id(1)] public DateTimeOffset? Cursor { get; set; }

    [Id(2)] public DateTimeOffset? LastPollAt { get; set; }

    [Id(3)] public string? LastError { get; set; }
}
