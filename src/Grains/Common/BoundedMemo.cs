using System.Collections.Concurrent;

namespace Consultant.Grains.Common;

/// <summary>
/// The answers of a pure function of a contact's address, kept for the addresses seen lately: libphonenumber's parsing
/// and regular expressions ran several times for every message (its number normalized, its country's language, its
/// time zone), about 2 % of the silo's CPU under load (bench/NOTES.md, session 16). Bounded: once full it starts again
/// empty, so a rare miss costs one computation and a hit no bookkeeping.
/// </summary>
public sealed class BoundedMemo<TKey, TValue>(Func<TKey, TValue> compute, int capacity = BoundedMemo.DefaultCapacity)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> answers = new();
    private int count;

    /// <summary>How many answers are kept now (at most the capacity).</summary>
    public int Count => Volatile.Read(ref count);

    public TValue Get(TKey key)
    {
        if (answers.TryGetValue(key, out var known))
        {
            return known;
        }

        var value = compute(key);
        if (Interlocked.Increment(ref count) > capacity)
        {
            answers.Clear();
            Volatile.Write(ref count, 1);
        }

        answers[key] = value;
        return value;
    }
}

public static class BoundedMemo
{
    /// <summary>Addresses remembered per function: about a megabyte at most.</summary>
    public const int DefaultCapacity = 10_000;
}
