using Microsoft.Extensions.Logging;

namespace Consultant.Grains.Hooks;

/// <summary>Calls every registered <see cref="IConversationHook"/> at one moment; one failing hook never stops the others.</summary>
public sealed partial class ConversationHooks(IEnumerable<IConversationHook> hooks, ILogger<ConversationHooks> logger)
{
    private readonly IReadOnlyList<IConversationHook> registered = hooks.ToList();

    public Task MessageStoredAsync(StoredInboundMessage message, CancellationToken cancellationToken = default) =>
        RunAsync(nameof(IConversationHook.MessageStoredAsync), hook => hook.MessageStoredAsync(message, cancellationToken));

    public Task BeforeAnswerAsync(AnsweringBatch batch, CancellationToken cancellationToken = default) =>
        RunAsync(nameof(IConversationHook.BeforeAnswerAsync), hook => hook.BeforeAnswerAsync(batch, cancellationToken));

    public Task ReplySentAsync(SentReply reply, CancellationToken cancellationToken = default) =>
        reply.Messages.Count == 0
            ? Task.CompletedTask
            : RunAsync(nameof(IConversationHook.ReplySentAsync), hook => hook.ReplySentAsync(reply, cancellationToken));

    public Task DeliveryStatusChangedAsync(DeliveryStatusChange change, CancellationToken cancellationToken = default) =>
        RunAsync(nameof(IConversationHook.DeliveryStatusChangedAsync), hook => hook.DeliveryStatusChangedAsync(change, cancellationToken));

    public Task AiSwitchedAsync(AiSwitch change, CancellationToken cancellationToken = default) =>
        RunAsync(nameof(IConversationHook.AiSwitchedAsync), hook => hook.AiSwitchedAsync(change, cancellationToken));

    public Task NeedsReplyChangedAsync(NeedsReplyChanged change, CancellationToken cancellationToken = default) =>
        RunAsync(nameof(IConversationHook.NeedsReplyChangedAsync), hook => hook.NeedsReplyChangedAsync(change, cancellationToken));

    /// <summary>
    /// The hooks at once: each capability's own rows, none waits for another's; their statements then share round
    /// trips (<see cref="Storage.SharedRoundTrips"/>).
    /// </summary>
    private Task RunAsync(string moment, Func<IConversationHook, Task> call) =>
        Task.WhenAll(registered.Select(hook => RunOneAsync(hook, moment, call)));

    private async Task RunOneAsync(IConversationHook hook, string moment, Func<IConversationHook, Task> call)
    {
        try
        {
            await call(hook);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            HookFailed(logger, ex, hook.GetType().Name, moment);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The conversation hook {Hook} failed at {Moment}; the conversation goes on")]
    private static partial void HookFailed(ILogger logger, Exception exception, string hook, string moment);
}
