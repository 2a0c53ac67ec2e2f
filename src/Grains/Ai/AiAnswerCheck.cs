using Consultant.Grains.Abstractions;
using Consultant.Grains.Analytics;
using Consultant.Grains.Settings;
using Microsoft.Extensions.Logging;

namespace Consultant.Grains.Ai;

/// <summary>Why the AI cannot answer a contact now: nothing stands in the way, the shared pool is empty, or the consultant's own key is missing.</summary>
public enum AiAnswerBlock
{
    None,

    /// <summary>The contact is answered with the shared pool, which has no key yet.</summary>
    PoolEmpty,

    /// <summary>The contact is answered with the consultant's own key, and none is saved.</summary>
    NoOwnKey,
}

/// <summary>
/// Whether the AI can answer a consultant's leads and clients, decided as the reply path picks its key
/// (<see cref="ConsultantReplySettings.UsesOwnAiKey"/>, <see cref="AiReplyGenerator"/>): the one decision behind the
/// Overview's notice, the chat header and the simulator's hint.
/// </summary>
public sealed record AiAnswerStatus(AiSettingsView Settings, bool PoolEmpty)
{
    public AiAnswerBlock ForLeads => For(forClient: false);

    public AiAnswerBlock ForClients => For(forClient: true);

    /// <param name="forClient">A client's conversation (their own key) rather than a lead's.</param>
    public AiAnswerBlock For(bool forClient)
    {
        if (forClient || Settings.AnswerLeadsWithOwnKey)
        {
            return Settings.HasAiApiKey ? AiAnswerBlock.None : AiAnswerBlock.NoOwnKey;
        }

        return PoolEmpty ? AiAnswerBlock.PoolEmpty : AiAnswerBlock.None;
    }
}

/// <summary>Reads what <see cref="AiAnswerStatus"/> decides on: the consultant's AI settings and whether the shared pool is empty.</summary>
public sealed partial class AiAnswerCheck(WhatsAppSettingsService settings, KeyPoolAlerts keyPool, ILogger<AiAnswerCheck> logger)
{
    public async Task<AiAnswerStatus> GetAsync(Guid consultantId) =>
        new(await settings.GetAiAsync(consultantId), await keyPool.IsPoolEmptyAsync());

    /// <summary>
    /// The status, or null when it could not be read: a page shows the rest without the warning (a chat that waits
    /// for an AI key says why anyway, in its problem).
    /// </summary>
    public async Task<AiAnswerStatus?> TryGetAsync(Guid consultantId)
    {
        try
        {
            return await GetAsync(consultantId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            NotChecked(logger, ex, consultantId);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Whether the AI can answer the contacts of consultant {ConsultantId} could not be checked")]
    private static partial void NotChecked(ILogger logger, Exception exception, Guid consultantId);
}
