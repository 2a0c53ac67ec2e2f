using Consultant.Grains.Ai;
using static System.FormattableString;

namespace Consultant.Grains.Analytics;

/// <summary>
/// What in the key pool needs an administrator now: an empty pool; a key that has used 80 % or more of today's quota
/// (Pacific day), one resting after the provider answered 429, or one whose calls fail today (errors, not 429: a revoked
/// or mistyped key). Shown on the admin page and the Overview, and given by the API.
/// </summary>
public sealed class KeyPoolAlerts(AiKeyPool pool, PoolKeyOutcomesQuery outcomes, TimeProvider time)
{
    public const double NearQuotaShare = 0.8;

    /// <summary>A key is failing with at least this many errors today…</summary>
    public const int FailingErrors = 5;

    /// <summary>…that are at least this share of its answered and failed calls today.</summary>
    public const double FailingShare = 0.8;

    public async Task<IReadOnlyList<KeyPoolAlert>> ListAsync() => await ForAsync(await pool.ListAsync());

    /// <summary>
    /// The <see cref="KeyPoolAlertKind.EmptyPool"/> alert's condition alone, for consultants who are not administrators:
    /// their Overview warns that no AI reply goes out when the pool answers them (the one way the dashboard tells an
    /// empty pool; <see cref="For"/> raises the alert on the same condition, the listed keys being none).
    /// </summary>
    public Task<bool> IsPoolEmptyAsync() => pool.IsEmptyAsync();

    /// <summary>The alerts for <paramref name="keys"/> just listed, with how their calls ended today.</summary>
    public async Task<IReadOnlyList<KeyPoolAlert>> ForAsync(IReadOnlyList<PoolKeyInfo> keys)
    {
        var now = time.GetUtcNow();
        return For(keys, now, await outcomes.TodayAsync(now));
    }

    /// <summary>The alerts for <paramref name="keys"/> at <paramref name="now"/>: an empty pool, then resting and failing keys first.</summary>
    public static IReadOnlyList<KeyPoolAlert> For(IReadOnlyList<PoolKeyInfo> keys, DateTimeOffset now, IReadOnlyDictionary<Guid, PoolKeyOutcomes> today)
    {
        var resetsAt = QuotaDay.Containing(now).End;
        if (keys.Count == 0)
        {
            return [new KeyPoolAlert(KeyPoolAlertKind.EmptyPool, Guid.Empty, "", "", 0, null, null, resetsAt,
                "The pool has no keys: the leads of consultants without their own key are not answered by the AI. Add a key to the pool.")];
        }

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

            if (today.GetValueOrDefault(key.Id) is { Errors: >= FailingErrors } calls && calls.Errors >= FailingShare * (calls.Errors + calls.Answered))
            {
                alerts.Add(Alert(KeyPoolAlertKind.Failing, key, resetsAt,
                    who + Invariant($" failed {calls.Errors:N0} times today and answered {calls.Answered:N0}: the AI provider gives errors for it (not 429). ") +
                    "Check the key in the provider's console (revoked, mistyped, billing); replace or remove it.") with { ErrorsToday = calls.Errors });
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

        return alerts.OrderBy(alert => alert.Kind is KeyPoolAlertKind.Resting or KeyPoolAlertKind.Failing ? 0 : 1).ToList();
    }

    private static KeyPoolAlert Alert(KeyPoolAlertKind kind, PoolKeyInfo key, DateTimeOffset resetsAt, string message) =>
        new(kind, key.Id, key.Label, key.KeyHint, key.RequestsToday, key.RequestsPerDay,
            kind == KeyPoolAlertKind.Resting ? key.CooldownUntil : null, resetsAt, message);
}
