using Consultant.Grains.Ai;
using Consultant.Grains.Common;
using Consultant.Grains.Replying;

namespace Consultant.Grains.Settings;

/// <summary>
/// What administrators do with the shared AI key pool, for the dashboard and the API alike: a key added with its label
/// and optional daily quota checked, a quota changed or removed, a key removed. Adding a key answers the leads that
/// found the pool empty.
/// </summary>
public sealed class PoolKeyService(AiKeyPool pool, AwaitingAiKeyReplies awaitingAiKey)
{
    /// <summary>Far above any provider's daily quota; beyond it a number was mistyped.</summary>
    public const int MaxRequestsPerDay = 10_000_000;

    public const int LabelLength = 100;

    public Task<IReadOnlyList<PoolKeyInfo>> ListAsync() => pool.ListAsync();

    public async Task<Result<PoolKeyInfo>> AddAsync(PoolKeyInput input)
    {
        var errors = new ValidationErrors();
        var apiKey = input.ApiKey?.Trim();
        if (string.IsNullOrEmpty(apiKey))
        {
            errors.Add("apiKey", "An API key is required: copy it from your AI provider (Google AI Studio for Gemini).");
        }
        else if (apiKey.Length > InputLimits.AiApiKeyLength)
        {
            errors.Add("apiKey", $"The AI API key can have at most {InputLimits.AiApiKeyLength} characters.");
        }
        else if (apiKey.Any(ch => char.IsWhiteSpace(ch) || char.IsControl(ch)))
        {
            errors.Add("apiKey", "An AI API key has no spaces: copy it again from your AI provider (Google AI Studio for Gemini).");
        }

        if (input.Label?.Trim().Length > LabelLength)
        {
            errors.Add("label", $"The label can have at most {LabelLength} characters.");
        }

        CheckQuota(input.RequestsPerDay, errors);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors);
        }

        var label = string.IsNullOrWhiteSpace(input.Label) ? "key" : input.Label.Trim();
        var added = await pool.AddAsync(label, apiKey!, input.RequestsPerDay);
        await awaitingAiKey.RetryAsync(consultantId: null); // leads that found the pool empty are answered now
        return added;
    }

    /// <param name="requestsPerDay">The new daily quota; null removes it.</param>
    public async Task<Result<PoolKeyInfo>> SetQuotaAsync(Guid keyId, int? requestsPerDay)
    {
        var errors = new ValidationErrors();
        CheckQuota(requestsPerDay, errors);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors);
        }

        return await pool.SetQuotaAsync(keyId, requestsPerDay)
            && (await pool.ListAsync()).FirstOrDefault(key => key.Id == keyId) is { } changed
            ? changed
            : Problem.NotFound();
    }

    public Task<bool> RemoveAsync(Guid keyId) => pool.RemoveAsync(keyId);

    private static void CheckQuota(int? requestsPerDay, ValidationErrors errors)
    {
        if (requestsPerDay is < 1 or > MaxRequestsPerDay)
        {
            errors.Add("requestsPerDay", $"The daily quota is a whole number of requests from 1 to {MaxRequestsPerDay:N0}; leave it empty for no quota.");
        }
    }
}
