using Consultant.Grains.Ai;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Consultant.Tests;

/// <summary>The AI chat clients kept per API key: bounded, least recently used dropped first, removed keys dropped at once.</summary>
public sealed class AiClientCacheTests
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Test]
    public void At_most_capacity_clients_are_kept_and_the_least_recently_used_is_disposed()
    {
        using var cache = new AiClientCache(capacity: 2, TimeSpan.FromHours(1), time);
        var a = cache.GetOrAdd("key-a", Create);
        var b = cache.GetOrAdd("key-b", Create);
        Assert.That(cache.GetOrAdd("key-a", Create), Is.SameAs(a), "reused, and now the most recently used");

        var c = cache.GetOrAdd("key-c", Create);

        Assert.That(cache.Count, Is.EqualTo(2));
        Assert.That(((CountingClient)b).Disposed, Is.True, "key-b was used least recently");
        Assert.That(((CountingClient)a).Disposed || ((CountingClient)c).Disposed, Is.False);
        Assert.That(cache.GetOrAdd("key-b", Create), Is.Not.SameAs(b), "made afresh when needed again");
    }

    [Test]
    public void A_forgotten_key_is_dropped_and_disposed_at_once()
    {
        using var cache = new AiClientCache(capacity: 10, TimeSpan.FromHours(1), time);
        var removed = (CountingClient)cache.GetOrAdd("removed-from-pool", Create);
        var kept = (CountingClient)cache.GetOrAdd("still-in-pool", Create);

        cache.Forget("removed-from-pool");
        cache.Forget("never-cached");

        Assert.That((removed.Disposed, kept.Disposed, cache.Count), Is.EqualTo((true, false, 1)));
    }

    [Test]
    public void A_client_unused_for_the_idle_limit_is_dropped()
    {
        using var cache = new AiClientCache(capacity: 10, TimeSpan.FromMinutes(30), time);
        var idle = (CountingClient)cache.GetOrAdd("replaced-on-another-silo", Create);
        time.Advance(TimeSpan.FromMinutes(31));

        cache.GetOrAdd("busy-key", Create);

        Assert.That((idle.Disposed, cache.Count), Is.EqualTo((true, 1)));
    }

    private static IChatClient Create(string apiKey) => new CountingClient();

    private sealed class CountingClient : IChatClient
    {
        public bool Disposed { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose() => Disposed = true;
    }
}
