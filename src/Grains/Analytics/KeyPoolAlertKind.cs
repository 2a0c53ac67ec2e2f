namespace Consultant.Grains.Analytics;

public enum KeyPoolAlertKind
{
    /// <summary>The key has used at least <see cref="KeyPoolAlerts.NearQuotaShare"/> of today's quota.</summary>
    NearQuota,

    /// <summary>The key has used all of today's quota: the pool answers with other keys until midnight Pacific time.</summary>
    QuotaReached,

    /// <summary>The provider refused the key with 429 and it rests until <see cref="KeyPoolAlert.RestingUntil"/>.</summary>
    Resting,

    /// <summary>
    /// Today the key's calls fail with errors other than 429 (at least <see cref="KeyPoolAlerts.FailingErrors"/>, and
    /// <see cref="KeyPoolAlerts.FailingShare"/> of its calls): likely revoked, mistyped or unpaid.
    /// </summary>
    Failing,

    /// <summary>The pool has no key: leads of consultants without their own key get no AI reply.</summary>
    EmptyPool,
}
