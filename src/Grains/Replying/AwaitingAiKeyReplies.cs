using Consultant.Grains.Abstractions;
using Consultant.Grains.Inbox;
using Microsoft.Extensions.Logging;

namespace Consultant.Grains.Replying;

/// <summary>
/// After a fix of what kept the AI from answering (a key saved, the own-key setting switched, WhatsApp connected, a
/// pool key added): the conversations whose last batch waited for a usable key are answered now, so their
/// "needs reply" does not stay on screen with a cause that is gone.
/// </summary>
public sealed partial class AwaitingAiKeyReplies(ConversationRepository conversations, IGrainFactory grains, ILogger<AwaitingAiKeyReplies> logger)
{
    /// <param name="consultantId">Whose conversations; null: every consultant's (the shared pool changed).</param>
    public async Task RetryAsync(Guid? consultantId)
    {
        try
        {
            foreach (var key in await conversations.ListAwaitingAiKeyAsync(consultantId))
            {
                await grains.GetGrain<IConversationGrain>(key).RetryAfterAiKeyFixAsync();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The fix itself is saved; these wait for the contact's next message or a reply by hand.
            RetryFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answering the conversations that waited for an AI key failed")]
    private static partial void RetryFailed(ILogger logger, Exception exception);
}
