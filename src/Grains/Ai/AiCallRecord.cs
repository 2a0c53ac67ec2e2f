namespace Consultant.Grains.Ai;

/// <summary>
/// One AI call as the ledger (<c>ai_key_rotation_log</c>) keeps it: which key, for whom, how it ended, what it cost
/// and how long it took. Tokens are null when the call failed or the provider reported none.
/// </summary>
/// <param name="KeyId">The pool key; null for the consultant's own key.</param>
/// <param name="KeySource"><c>pool</c> or <c>consultant</c>.</param>
/// <param name="ContactPhone">The conversation's address the call was for (a simulator one starts with <c>sim:</c>).</param>
/// <param name="Outcome"><c>ok</c>, <c>rate_limited</c> or <c>error</c>.</param>
public sealed record AiCallRecord(
    Guid? KeyId, string KeySource, Guid ConsultantId, string? ContactPhone, string Outcome, int? InputTokens, int? OutputTokens, int LatencyMs);
