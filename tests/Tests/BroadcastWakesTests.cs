using Consultant.Grains.Broadcasts;
using Microsoft.Extensions.Time.Testing;

namespace Consultant.Tests;

/// <summary>
/// The broadcast loop's naps and wakes, on a clock that only the test moves: a wake that comes after the loop read the
/// table but before it naps (a retry made due now while the loop was claiming) ends that nap at once, instead of being
/// lost until the minute's sweep (a fresh-clone CI run waited past its 30 s for such a retry).
/// </summary>
public sealed class BroadcastWakesTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Test]
    public async Task A_wake_between_reading_the_table_and_napping_ends_the_nap_at_once()
    {
        var wakes = new BroadcastWakes(time);
        wakes.Reading(); // the claim reads "next retry in an hour"
        wakes.Wake(); // meanwhile the retry was made due now
        var nap = wakes.NapAsync(Minute, CancellationToken.None);

        Assert.That(nap.IsCompleted, Is.True, "the loop reads the table again at once, the clock unmoved");
        await nap;
        Assert.That(wakes.TakeWake(), Is.False, "the wake was taken by the nap it ended");
    }

    [Test]
    public async Task A_wake_during_a_nap_ends_it_and_a_wake_the_table_read_already_saw_does_not()
    {
        var wakes = new BroadcastWakes(time);
        wakes.Wake();
        wakes.Reading(); // the wake came before this read: nothing new to look at
        var nap = wakes.NapAsync(Minute, CancellationToken.None);
        Assert.That(nap.IsCompleted, Is.False, "naps until its time");

        wakes.Wake();
        await nap.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(wakes.TakeWake(), Is.False);

        var next = wakes.NapAsync(Minute, CancellationToken.None);
        Assert.That(next.IsCompleted, Is.False);
        time.Advance(Minute);
        await next.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Test]
    public void A_halt_during_a_nap_ends_it_with_a_cancellation_and_a_wake_on_the_way_out_is_kept()
    {
        var wakes = new BroadcastWakes(time);
        using var halt = new CancellationTokenSource();
        var nap = wakes.NapAsync(Minute, halt.Token);
        halt.Cancel();
        Assert.That(async () => await nap.WaitAsync(TimeSpan.FromSeconds(10)), Throws.InstanceOf<OperationCanceledException>());

        wakes.Wake(); // a resume while the loop gives back its rows
        Assert.That(wakes.TakeWake(), Is.True, "it goes on instead of stopping");
        Assert.That(wakes.TakeWake(), Is.False, "once");
    }
}
