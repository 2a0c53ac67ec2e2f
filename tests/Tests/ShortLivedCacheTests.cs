using Consultant.Grains.Common;
using Microsoft.Extensions.Time.Testing;

namespace Consultant.Tests;

/// <summary>The one short-lived cache every kept read uses: read once in its lifetime, forgotten on a write, swept after.</summary>
public sealed class ShortLivedCacheTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private FakeTimeProvider time = null!;

    [SetUp]
    public void NewClock() =>
        time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Test]
    public async Task A_value_is_read_once_in_its_lifetime_read_again_after_it_and_swept_when_nobody_asks()
    {
        using var cache = new ShortLivedCache<string, string?>(Lifetime, time);
        var reads = 0;
        Task<string?> Read(string key)
        {
            reads++;
            return Task.FromResult<string?>(null); // "nothing stored" is kept too
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.That(await cache.GetOrAddAsync("a", Read), Is.Null);
        }

        Assert.That(reads, Is.EqualTo(1), "three reads within the lifetime: one round trip");
        time.Advance(Lifetime);
        Assert.That(cache.Count, Is.Zero, "expired entries are swept even when nobody asks again");
        await cache.GetOrAddAsync("a", Read);
        Assert.That(reads, Is.EqualTo(2));
    }

    [Test]
    public async Task A_forgotten_key_is_read_again_at_once_and_a_read_under_way_during_the_write_is_not_kept()
    {
        using var cache = new ShortLivedCache<string, string>(Lifetime, time);
        var stored = "before";
        Assert.That(await cache.GetOrAddAsync("a", _ => Task.FromResult(stored)), Is.EqualTo("before"));

        stored = "after";
        cache.Forget("a");
        Assert.That(await cache.GetOrAddAsync("a", _ => Task.FromResult(stored)), Is.EqualTo("after"));

        // A read that saw the row before a write, and finishes after the writer forgot the key.
        cache.Forget("a");
        var slowRead = new TaskCompletionSource<string>();
        var reading = cache.GetOrAddAsync("a", _ => slowRead.Task);
        stored = "latest";
        cache.Forget("a");
        slowRead.SetResult("after");
        Assert.That(await reading, Is.EqualTo("after"), "its caller gets what it read");
        Assert.That(await cache.GetOrAddAsync("a", _ => Task.FromResult(stored)), Is.EqualTo("latest"), "but the next read does not");
    }

    [Test]
    public void A_zero_lifetime_reads_every_time_and_holds_nothing()
    {
        using var cache = new ShortLivedCache<string, int>(TimeSpan.Zero, time);
        var reads = 0;
        for (var i = 0; i < 3; i++)
        {
            cache.GetOrAdd("a", _ => ++reads);
        }

        Assert.That(reads, Is.EqualTo(3));
        Assert.That(cache.Count, Is.Zero);
    }
}
