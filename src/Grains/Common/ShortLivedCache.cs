using System.Collections.Concurrent;

namespace Consultant.Grains.Common;

/// <summary>
/// Values kept in this process for a short time, so a read that does not change between messages costs no round trip.
/// The owner forgets a key at once when it writes it; other silos see the write when the entry's time is up. An entry
/// lives at most its lifetime counted from when its read began; a zero lifetime keeps nothing. Expired entries are
/// swept by a timer, so memory does not grow with keys nobody asks for again.
/// </summary>
public sealed class ShortLivedCache<TKey, TValue> : IDisposable
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> entries;
    private readonly TimeProvider time;
    private readonly TimeSpan lifetime;
    private readonly ITimer? sweep;
    private long forgets;

    public ShortLivedCache(TimeSpan lifetime, TimeProvider time, IEqualityComparer<TKey>? comparer = null)
    {
        entries = new ConcurrentDictionary<TKey, Entry>(comparer);
        this.time = time;
        this.lifetime = lifetime;
        if (lifetime > TimeSpan.Zero)
        {
            sweep = time.CreateTimer(_ => RemoveExpired(), null, lifetime, lifetime);
        }
    }

    /// <summary>Entries held now.</summary>
    public int Count => entries.Count;

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> read)
    {
        if (TryGetFresh(key, out var held, out var began, out var seen))
        {
            return held;
        }

        var value = read(key);
        Keep(key, value, began, seen);
        return value;
    }

    public async Task<TValue> GetOrAddAsync(TKey key, Func<TKey, Task<TValue>> read)
    {
        if (TryGetFresh(key, out var held, out var began, out var seen))
        {
            return held;
        }

        var value = await read(key);
        Keep(key, value, began, seen);
        return value;
    }

    /// <summary>Drops a key whose value was just written (call it after the write is committed).</summary>
    public void Forget(TKey key)
    {
        Interlocked.Increment(ref forgets);
        entries.TryRemove(key, out _);
    }

    /// <summary>Drops every key: for a write that changes which keys map to what in ways a key cannot name.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref forgets);
        entries.Clear();
    }

    public void Dispose()
    {
        sweep?.Dispose();
        entries.Clear();
    }

    private bool TryGetFresh(TKey key, out TValue value, out DateTimeOffset now, out long seen)
    {
        seen = Interlocked.Read(ref forgets);
        now = time.GetUtcNow();
        if (lifetime > TimeSpan.Zero && entries.TryGetValue(key, out var entry) && entry.Expires > now)
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    private void Keep(TKey key, TValue value, DateTimeOffset began, long seen)
    {
        if (lifetime <= TimeSpan.Zero)
        {
            return;
        }

        var entry = new Entry(value, began + lifetime);
        entries[key] = entry;
        // A write forgotten while this read was under way may have been read before it: that value must not stay.
        if (Interlocked.Read(ref forgets) != seen)
        {
            entries.TryRemove(new KeyValuePair<TKey, Entry>(key, entry));
        }
    }

    private void RemoveExpired()
    {
        var now = time.GetUtcNow();
        foreach (var pair in entries)
        {
            if (pair.Value.Expires <= now)
            {
                entries.TryRemove(pair); // only if not renewed meanwhile
            }
        }
    }

    private sealed class Entry(TValue value, DateTimeOffset expires)
    {
        public TValue Value { get; } = value;

        public DateTimeOffset Expires { get; } = expires;
    }
}
