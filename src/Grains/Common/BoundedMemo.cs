using System.Collections.Concurrent;

namespace Consultant.Grains.Common;

/// <summary>
/// The answers of a pure function of a contact's address, kept for the addresses seen lately: libphonenumber's parsing
/// and regular expressions ran several times for every message (its number normalized, its country's language, its
/// time zone), about 2 % of the silo's CPU under load (bench/NOTES.md, session 16). Two generations: when the recent
/// one is full it becomes the older one and the one before is dropped, so an address asked for again within about
/// <c>capacity</c> new ones is kept (promoted), and memory stays under two generations' worth. (Emptying everything
/// when full, as first written, thrashed when the addresses in use were just over the capacity.)
/// </summary>
public sealed class BoundedMemo<TKey, TValue>(Func<TKey, TValue> compute, int capacity = BoundedMemo.DefaultCapacity)
    where TKey : notnull
{
    private readonly Lock turning = new();
    private ConcurrentDictionary<TKey, TValue> recent = new();
    private ConcurrentDictionary<TKey, TValue> older = new();
    private int added;

    public TValue Get(TKey key)
    {
        if (Volatile.Read(ref recent).TryGetValue(key, out var known))
        {
            return known;
        }

        if (!Volatile.Read(ref older).TryGetValue(key, out known))
        {
            known = compute(key);
        }

        Remember(key, known);
        return known;
    }

    private void Remember(TKey key, TValue value)
    {
        if (Interlocked.Increment(ref added) > capacity)
        {
            lock (turning)
            {
                if (Volatile.Read(ref added) > capacity)
                {
                    Volatile.Write(ref older, recent);
                    Volatile.Write(ref recent, new ConcurrentDictionary<TKey, TValue>());
                    Volatile.Write(ref added, 1);
                }
            }
        }

        // A write racing a turn may land in the generation just made older: still found there, so no harm.
        Volatile.Read(ref recent)[key] = value;
    }
}

public static class BoundedMemo
{
    /// <summary>
    /// Addresses per generation: a webhook asks for three (its From, its WaId, our number), so this keeps about 6,000
    /// contacts writing at once with room; at most two generations of about 150 bytes an address, about 6 MB.
    /// </summary>
    public const int DefaultCapacity = 20_000;
}
