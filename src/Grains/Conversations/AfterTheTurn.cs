using Consultant.Grains.Hooks;
using Consultant.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace Consultant.Grains.Conversations;

/// <summary>
/// What a receive's turn leaves for just after it, so the webhook's acknowledgement does not wait for it: each stored
/// message's capabilities (the hooks: follow-ups, funnel, language, broadcasts), in the order the messages came, then
/// the conversation's list row (when owed) and the dashboards told. A row owed while one is written is written once
/// more after it, so several messages arriving together cost one or two writes. Runs on the grain's scheduler (a task
/// it started), interleaving with its turns; the answering loop waits for it (<see cref="SettledAsync"/>), so a reply
/// speaks the language its messages decided. Failures are logged and left: every owed row is written again when the
/// burst's batch settles, and messages an activation takes back from the table (after a crash) have their hooks run
/// again (each hook is idempotent).
/// </summary>
internal sealed partial class AfterTheTurn(AfterTheTurn.IWork work, ILogger logger)
{
    private Queue<StoredInboundMessage>? hooksOwed; // only while owed: an idle conversation holds nothing (bench/NOTES.md, memory)
    private bool listRowOwed;
    private TaskCompletionSource? running; // while the owed work runs

    /// <summary>The messages' hooks, then the list row or the dashboards' event.</summary>
    public void OweHooks(StoredInboundMessage message)
    {
        (hooksOwed ??= new Queue<StoredInboundMessage>()).Enqueue(message);
        Start();
    }

    public void OweListRow()
    {
        listRowOwed = true;
        Start();
    }

    /// <summary>Completes once nothing is owed (at once when nothing is).</summary>
    public Task SettledAsync() => running?.Task ?? Task.CompletedTask;

    private void Start()
    {
        if (running is null)
        {
            running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _ = RunWhileOwedAsync();
        }
    }

    private async Task RunWhileOwedAsync()
    {
        await Task.Yield(); // after the current turn: its caller does not wait
        AcknowledgementPath.Leave();
        try
        {
            while (hooksOwed is { Count: > 0 } || listRowOwed)
            {
                var told = false;
                while (hooksOwed?.TryDequeue(out var message) == true)
                {
                    await RunSafelyAsync(() => work.RunHooksAsync(message));
                    told = true;
                }

                hooksOwed = null;
                await RunSafelyAsync(listRowOwed ? WriteListRowAsync : told ? work.TellAsync : null);
            }
        }
        finally
        {
            var settled = running;
            running = null;
            settled?.SetResult();
        }
    }

    private Task WriteListRowAsync()
    {
        listRowOwed = false;
        return work.WriteListRowAndTellAsync();
    }

    private async Task RunSafelyAsync(Func<Task>? step)
    {
        try
        {
            await (step?.Invoke() ?? Task.CompletedTask);
        }
        catch (Exception ex)
        {
            WriteFailed(logger, ex);
        }
    }

    /// <summary>The conversation grain's part (an interface rather than delegates, fewer objects for each active conversation).</summary>
    internal interface IWork
    {
        /// <summary>The capabilities told of one stored message (each hook's failure is its own, logged).</summary>
        Task RunHooksAsync(StoredInboundMessage message);

        Task WriteListRowAndTellAsync();

        /// <summary>The dashboards told of the conversation as it is (after the hooks: with the language they decided).</summary>
        Task TellAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Work after the acknowledgement failed (a hook, the list row or the event); the batch's settle writes the row again")]
    private static partial void WriteFailed(ILogger logger, Exception exception);
}
