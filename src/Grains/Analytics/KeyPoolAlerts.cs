using Consultant.Grains.Ai;
using static System.FormattableString;

namespace Consultant.Grains.Analytics;

/// <summary>
/// The pool keys that need an administrator now: one that has used 80 % or more of today's quota (Pacific day), or one
/// resting after the provider answered 429. Shown on the admin page and the Overview, and given by the API.
/// </summary>
public sealed class KeyPoolAlerts(AiKeyPool pool, TimeProvider time)
{
    public const double NearQuotaShare = 0.8;

    public async Task<IReadOnlyList<KeyPoolAlert>> ListAsync() => For(await pool.ListAsync(), time.GetUtcNow());

    /// <summary>The alerts for <paramref name="keys"/> at <paramref name="now"/>: resting keys first.</summary>
    public static IReadOnlyList<KeyPoolAlert> For(IEnumerable<PoolKeyInfo> keys, DateTimeOffset now)
    {
        var resetsAt = QuotaDay.Containing(now).End;
        var alerts = new List<KeyPoolAlert>();
        foreach (var key in keys)
        {
            var who = Invariant($"Key \"{key.Label}\" ({key.KeyHint})");
            if (key.IsResting(now))
            {
                alerts.Add(Alert(KeyPoolAlertKind.Resting, key, resetsAt,
                    who + Invariant($" is resting until {key.CooldownUntil:HH:mm} UTC: the AI provider refused it with 429 (too many requests). ") +
                    "Nothing to do if this is rare; if it keeps happening, add another key to the pool or lower this key's daily quota."));
            }

            if (key.QuotaShareUsed is { } used && used >= NearQuotaShare)
            {
                alerts.Add(key.QuotaReached
                    ? Alert(KeyPoolAlertKind.QuotaReached, key, resetsAt,
                        who + Invariant($" has used all {key.RequestsPerDay:N0} requests of today's quota: other keys answer until midnight Pacific time. ") +
                        "Add another key to the pool so leads keep being answered.")
                    : Alert(KeyPoolAlertKind.NearQuota, key, resetsAt,
                        who + Invariant($" has used {key.RequestsToday:N0} of its {key.RequestsPerDay:N0} requests today ({used:P0}). ") +
                        "Add another key to the pool, or raise its daily quota if your provider allows more; the count starts again at midnight Pacific time."));
            }
        }

        return alerts.OrderBy(alert => alert.Kind == KeyPoolAlertKind.Resting ? 0 : 1).ToList();
    }

    private static KeyPoolAlert Alert(KeyPoolAlertKind kind, PoolKeyInfo key, DateTimeOffset resetsAt, string message) =>
        new(kind, key.Id, key.Label, key.KeyHint, key.RequestsToday, key.RequestsPerDay,
            kind == KeyPoolAlertKind.Resting ? key.CooldownUntil : null, resetsAt, message);
}
