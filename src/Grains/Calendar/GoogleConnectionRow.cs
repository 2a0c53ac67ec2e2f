namespace Consultant.Grains.Calendar;

/// <summary>A consultant's row in <c>google_calendar_connections</c>; the token stays encrypted.</summary>
public sealed record GoogleConnectionRow(
    Guid ConsultantId,
    string? RefreshTokenProtected,
    string? AccountEmail,
    DateTimeOffset? ConnectedAt,
    string? Problem,
    DateTimeOffset? ProblemAt)
{
    public bool IsConnected => RefreshTokenProtected is not null;
}
