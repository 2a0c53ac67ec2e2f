using Consultant.Grains.Conversations;

namespace Consultant.Tests;

/// <summary>
/// The conversation grain's own async lock (state writes, list-row writes): one holder at a time, the others served
/// in the order they came, each exactly once; an exit without an entry is a bug said out loud.
/// </summary>
public sealed class OneAtATimeTests
{
    [Test]
    public async Task Callers_hold_it_one_at_a_time_in_the_order_they_came()
    {
        var gate = new OneAtATime();
        await gate.EnterAsync();

        var second = gate.EnterAsync();
        var third = gate.EnterAsync();
        Assert.That(second.IsCompleted || third.IsCompleted, Is.False, "taken: later callers wait");

        gate.Exit();
        await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(third.IsCompleted, Is.False, "handed to the second only");

        gate.Exit();
        await third.WaitAsync(TimeSpan.FromSeconds(10));

        gate.Exit();
        Assert.That(gate.EnterAsync().IsCompleted, Is.True, "free again once everyone left");
    }

    [Test]
    public void Exit_without_entering_is_refused()
    {
        var gate = new OneAtATime();

        Assert.Throws<InvalidOperationException>(gate.Exit);
    }

    [Test]
    public async Task Many_callers_never_overlap()
    {
        var gate = new OneAtATime();
        var inside = 0;
        var most = 0;

        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(async () =>
        {
            await gate.EnterAsync();
            try
            {
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref most, now);
                await Task.Yield();
                Interlocked.Decrement(ref inside);
            }
            finally
            {
                gate.Exit();
            }
        })));

        Assert.That(most, Is.EqualTo(1));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
