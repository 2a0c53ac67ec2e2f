using Consultant.Grains.Abstractions;
using Consultant.Grains.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Ai;

/// <summary>
/// Gets one reply from the AI: with the consultant's own key (clients, and leads when they chose so) or the global
/// pool (leads), retrying with back-off a bounded number of times. A pool key that hits 429 cools down and the next
/// key is tried at once. Pool calls of a consultant whose WhatsApp is not connected count against
/// <see cref="PoolQuota"/>; past it, the consultant's own key (if any) answers instead.
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
    /// <param name="settings">The consultant's settings (their encrypted key and whether leads use it); null: none saved.</param>
    /// <param name="forClient">A client's conversation (their own key) rather than a lead's.</param>
    /// <param name="contactPhone">The conversation's address, recorded with each call in the ledger of AI calls.</param>
    /// <param name="tools">
    /// Tools the model may call (the booking tools): each round's calls are run (<see cref="AiToolCalls"/>) and their
    /// results given back, at most <c>Ai:MaxToolRounds</c> rounds; every round is one call in the ledger of AI calls.
    /// </param>
    public async Task<AiReplyResult> GenerateAsync(
        Guid consultantId, string contactPhone, ConsultantReplySettings? settings, bool forClient, IReadOnlyList<ChatMessage> prompt,
        CancellationToken cancellationToken, IReadOnlyList<AITool>? tools = null)
    {
        var conversation = prompt.ToList();
        for (var round = 0; ; round++)
        {
            var offered = tools is { Count: > 0 } && round < options.Value.MaxToolRounds ? tools : null;
            var (completion, failure) = await CallAsync(consultantId, contactPhone, settings, forClient, conversation, offered, cancellationToken);
            if (completion is null)
            {
                return failure!;
            }

            if (offered is null || completion.ToolCalls.Count == 0)
            {
                return completion.Text.Length > 0 ? AiReplyResult.Replied(completion.Text)
                    : AiReplyResult.NotReplied(AiProblemText.NotAnswering(round + 1, "the AI answered with an empty message"));
            }

            conversation.AddRange(completion.Messages);
            conversation.AddRange(await AiToolCalls.RunAsync(offered, completion.ToolCalls, logger, cancellationToken));
        }
    }

    /// <summary>One call, with its attempts: the completion, or why there is none.</summary>
    private async Task<(AiCompletion? Completion, AiReplyResult? Failure)> CallAsync(
        Guid consultantId, string contactPhone, ConsultantReplySettings? settings, bool forClient, IReadOnlyList<ChatMessage> prompt,
        IReadOnlyList<AITool>? tools, CancellationToken cancellationToken)
    {
        var aiOptions = options.Value;
        var protectedOwnKey = settings?.ProtectedAiApiKey;
        var useOwnKey = settings?.UsesOwnAiKey(forClient) ?? forClient;
        var delay = TimeSpan.FromSeconds(aiOptions.RetryDelaySeconds);
        string? lastError = null;
        for (var attempt = 1; attempt <= aiOptions.MaxAttempts; attempt++)
        {
            var key = useOwnKey ? ConsultantKey(protectedOwnKey) : await pool.LeaseAsync();
            if (key is not null && !useOwnKey && !await quota.TryTakeAsync(consultantId))
            {
                if (protectedOwnKey is null)
                {
                    return (null, AiReplyResult.NotReplied(PoolQuota.Exhausted(aiOptions.PoolQuotaPerConsultantPerDay), awaitsAiKey: true));
                }

                (useOwnKey, key) = (true, ConsultantKey(protectedOwnKey));
            }

            if (key is null)
            {
                return (null, AiReplyResult.NotReplied(
                    lastError is not null ? AiProblemText.PoolKeysResting(lastError)
                    : !useOwnKey ? AiProblemText.NoPoolKey
                    : forClient ? AiProblemText.NoKeyForClients
                    : AiProblemText.NoOwnKeyForLeads,
                    awaitsAiKey: true));
            }

            var source = useOwnKey ? "consultant" : "pool";
            var keyId = useOwnKey ? (Guid?)null : key.Id;
            var started = time.GetTimestamp();
            try
            {
                var completion = await gateway.CompleteAsync(key.ApiKey, prompt, cancellationToken, tools);
                await pool.LogUseAsync(new AiCallRecord(
                    keyId, source, consultantId, contactPhone, "ok", completion.InputTokens, completion.OutputTokens, ElapsedMs(started)));
                return (completion, null);
            }
            catch (AiCallException ex)
            {
                lastError = ex.Message;
                AiAttemptFailed(logger, attempt, aiOptions.MaxAttempts, ex.StatusCode);
                await pool.LogUseAsync(new AiCallRecord(
                    keyId, source, consultantId, contactPhone, ex.IsRateLimited ? "rate_limited" : "error", null, null, ElapsedMs(started)));
                if (ex.IsRateLimited && !useOwnKey)
                {
                    await pool.CoolDownAsync(key.Id, TimeSpan.FromSeconds(aiOptions.KeyCooldownSeconds));
                    continue; // another key may answer right away
                }

                if (AiProblemText.IsKeyRejection(ex.StatusCode) && (useOwnKey || attempt == aiOptions.MaxAttempts))
                {
                    return (null, AiReplyResult.NotReplied(AiProblemText.KeyRejected(useOwnKey, ex.StatusCode!.Value), awaitsAiKey: true));
                }

                if (attempt < aiOptions.MaxAttempts)
                {
                    await Task.Delay(delay, time, cancellationToken);
                    delay *= 2;
                }
            }
        }

        return (null, AiReplyResult.NotReplied(AiProblemText.NotAnswering(aiOptions.MaxAttempts, lastError ?? AiProblemText.NoAnswer)));
    }

    private int ElapsedMs(long started) => (int)Math.Min(time.GetElapsedTime(started).TotalMilliseconds, int.MaxValue);

    private LeasedKey? ConsultantKey(string? protectedKey) =>
        protectedKey is null ? null : new LeasedKey(Guid.Empty, secrets.Unprotect(protectedKey));

    // Information: a retry may still answer; a reply that fails in the end is logged once, at warning, by its caller.
    [LoggerMessage(Level = LogLevel.Information, Message = "AI attempt {Attempt} of {MaxAttempts} failed (HTTP {Status})")]
    private static partial void AiAttemptFailed(ILogger logger, int attempt, int maxAttempts, int? status);
}
