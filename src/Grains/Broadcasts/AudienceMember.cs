namespace Consultant.Grains.Broadcasts;

/// <summary>A contact of a broadcast's audience, with what decides whether they get it.</summary>
public sealed record AudienceMember
{
    public string ContactPhone { get; init; } = string.Empty;

    public string? Name { get; init; }

    public DateTimeOffset? LastInboundAt { get; init; }

    public bool OptedOut { get; init; }

    public bool StoppedMarketing { get; init; }
}
