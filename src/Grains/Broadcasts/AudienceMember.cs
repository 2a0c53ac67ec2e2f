namespace Consultant.Grains.Broadcasts;

/// <summary>A contact of a broadcast's audience, with what decides whether they get it and in which language.</summary>
public sealed record AudienceMember(
    string ContactPhone,
    string? Name,
    string? ClientLanguage,
    string? StoredLanguage,
    DateTimeOffset? LastInboundAt,
    bool OptedOut,
    bool StoppedMarketing);
