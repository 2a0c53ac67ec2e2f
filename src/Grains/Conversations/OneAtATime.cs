namespace Consultant.Grains.Conversations;

/// <summary>
/// An async lock for the interleaving turns of one conversation grain (its timer callback, the row written after a
/// turn): first come, first served. Free it is one small object; only a caller that finds it taken allocates its
/// place in the queue, dropped once the queue drains (a <see cref="SemaphoreSlim"/> is three times the size, kept
/// by every active conversation: bench/NOTES.md, memory). Thread-safe, though the grain's turns run one at a time.
/// </summary>
internal sealed class OneAtATime
{
    private bool taken;
    private Queue<TaskCompletionSource>? waiting;

    /// <summary>Completes when the caller holds the lock; it must call <see cref="Exit"/> once, whatever happens.</summary>
    public Task EnterAsync()
    {
        lock (this)
        {
            if (!taken)
            {
                taken = true;
                return Task.CompletedTask;
            }

            // Asynchronous continuations: the next holder runs on its own scheduler, not inside Exit's caller.
            var place = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (waiting ??= new Queue<TaskCompletionSource>()).Enqueue(place);
            return place.Task;
        }
    }

    public void Exit()
    {
        TaskCompletionSource? next;
        lock (this)
        {
            if (!taken)
            {
                throw new InvalidOperationException("Exit without a matching EnterAsync.");
            }

            if (waiting is null || !waiting.TryDequeue(out next))
            {
                waiting = null;
                taken = false;
                return;
            }
        }

        next.SetResult(); // still taken: handed straight to the next in line
    }
}
