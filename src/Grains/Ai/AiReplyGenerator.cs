using Consultant.Grains.WhatsApp;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Ai;

public sealed record AiReplyResult(string? Text, string? Problem)
{
    public static AiReplyResult Replied(string text) => new(text, null);

    public static AiReplyResult NotReplied(string problem) => new(null, problem);
}

/// <summary>
/// Gets one reply from the AI: with the consultant's own key (clients) or the global pool (leads), retrying with
/// back-off a bounded number of times. A pool key that hits 429 cools down and the next key is tried at once.
/// Pool calls of a consultant whose WhatsApp is not connected count against <see cref="PoolQuota"/>; past it, the
/// consultant's own key (if any) answers instead.
/// </summary>
public sealed partial class AiReplyGenerator(
    IAiChatGateway gateway,
    AiKeyPool pool,
    PoolQuota quota,
    SecretProtector secrets,
    IOptions<AiOptions> options,
    TimeProvider time,
    ILogger<AiReplyGenerator> logger)
{
    public const string NoConsultantKey = "No AI key: add your AI API key in WhatsApp settings so the AI can answer your clients.";
    public const string NoPoolKey = "No AI key for leads: the shared key pool is empty or every key is resting after a rate limit. " +
        "Ask an administrator to add pool keys, or add your own AI API key in WhatsApp settings.";

    /// <param name="protectedConsultantKey">The consultant's own key; with <paramref name="useConsultantKey"/> false, used only past the pool quota.</param>
    public async Task<AiReplyResult> GenerateAsync(
        Guid consultantId, string? protectedConsultantKey, bool useConsultantKey, IReadOnlyList<ChatMessage> prompt,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var delay = TimeSpan.FromSeconds(settings.RetryDelaySeconds);
        string? lastError = null;
        for (var attempt = 1; attempt <= settings.MaxAttempts; attempt++)
        {
            var key = useConsultantKey ? ConsultantKey(protectedConsultantKey) : await pool.LeaseAsync();
            if (key is not null && !useConsultantKey && !await quota.TryTakeAsync(consultantId))
            {
                if (protectedConsultantKey is null)
                {
                    return AiReplyResult.NotReplied(PoolQuota.Exhausted(settings.PoolQuotaPerConsultantPerDay));
                }

                (useConsultantKey, key) = (true, ConsultantKey(protectedConsultantKey));
            }

            if (key is null)
            {
                return AiReplyResult.NotReplied(lastError is null
                    ? (useConsultantKey ? NoConsultantKey : NoPoolKey)
                    : $"The AI did not answer: {lastError}");
            }

            var source = useConsultantKey ? "consultant" : "pool";
            var keyId = useConsultantKey ? (Guid?)null : key.Id;
            try
            {
                var text = await gateway.CompleteAsync(key.ApiKey, prompt, cancellationToken);
                await pool.LogUseAsync(keyId, source, consultantId, "ok");
                return AiReplyResult.Replied(text);
            }
            catch (AiCallException ex)
            {
                lastError = ex.Message;
                AiAttemptFailed(logger, attempt, settings.MaxAttempts, ex.StatusCode);
                await pool.LogUseAsync(keyId, source, consultantId, ex.IsRateLimited ? "rate_limited" : "error");
                if (ex.IsRateLimited && !useConsultantKey)
                {
                    await pool.CoolDownAsync(key.Id, TimeSpan.FromSeconds(settings.KeyCooldownSeconds));
                    continue; // another key may answer right away
                }

                if (attempt < settings.MaxAttempts)
                {
                    await Task.Delay(delay, time, cancellationToken);
                    delay *= 2;
                }
            }
        }

        return AiReplyResult.NotReplied($"The AI did not answer after {settings.MaxAttempts} attempts: {lastError}");
    }

    private LeasedKey? ConsultantKey(string? protectedKey) =>
        protectedKey is null ? null : new LeasedKey(Guid.Empty, secrets.Unprotect(protectedKey));

    // Information: a retry may still answer; a reply that fails in the end is logged once, at warning, by its caller.
    [LoggerMessage(Level = LogLevel.Information, Message = "AI attempt {Attempt} of {MaxAttempts} failed (HTTP {Status})")]
    private static partial void AiAttemptFailed(ILogger logger, int attempt, int maxAttempts, int? status);
}
