using Consultant.Grains.Abstractions;
using Consultant.Grains.Conversations;

namespace Consultant.Silo;

/// <summary>
/// After a start, wakes every conversation that has stored but unbatched messages, so a burst acknowledged just
/// before a crash is answered within the debounce instead of waiting for the one-minute reminder backstop.
/// Runs on every silo; waking an already active conversation does nothing.
/// </summary>
internal sealed partial class UnansweredConversationsRecovery(
    MessageRepository messages, IGrainFactory grains, ILogger<UnansweredConversationsRecovery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var conversations = await messages.FindUnbatchedConversationsAsync();
            await Parallel.ForEachAsync(conversations, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = stoppingToken },
                async (conversation, _) => await grains
                    .GetGrain<IConversationGrain>(ConversationKey.Format(conversation.ConsultantId, conversation.ContactPhone))
                    .WakeAsync());
            if (conversations.Count > 0)
            {
                Recovered(logger, conversations.Count);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            RecoveryFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Woke {Count} conversation(s) with unanswered messages")]
    private static partial void Recovered(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking unanswered conversations failed; the reminder backstop will pick them up")]
    private static partial void RecoveryFailed(ILogger logger, Exception exception);
}
