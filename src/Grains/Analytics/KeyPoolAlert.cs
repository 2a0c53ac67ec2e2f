namespace Consultant.Grains.Analytics;

/// <summary>
/// A pool key an administrator should look at, with what to do in <see cref="Message"/> (English, for API users; the
/// dashboard words it in its own language from the other fields).
/// </summary>
/// <param name="QuotaResetsAt">Midnight Pacific time, when today's count starts again.</param>
/// <param name="ErrorsToday">Of <paramref name="RequestsToday"/>, the calls that failed with an error other than 429.</param>
public sealed record KeyPoolAlert(
    KeyPoolAlertKind Kind, Guid KeyId, string Label, string KeyHint, long RequestsToday, int? RequestsPerDay,
    DateTimeOffset? RestingUntil, DateTimeOffset QuotaResetsAt, string Message, long ErrorsToday = 0);
