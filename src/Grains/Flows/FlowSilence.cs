using Consultant.Grains.Abstractions;

namespace Consultant.Grains.Flows;

/// <summary>A flow ends after 24 hours without an answer: it never resumes after that, the AI answers as usual.</summary>
public static class FlowSilence
{
    public static readonly TimeSpan Limit = TimeSpan.FromHours(24);

    public static DateTimeOffset ExpiresAt(FlowPosition position) => position.LastActivityAt + Limit;

    public static bool HasExpired(FlowPosition position, DateTimeOffset now) => now >= ExpiresAt(position);
}
