using Microsoft.Extensions.AI;

namespace Consultant.Grains.Ai;

/// <summary>
/// The chat clients made for API keys (each holds its key), kept for reuse: at most <c>capacity</c>, the least
/// recently used dropped and disposed first, and none kept once unused for <c>idleLimit</c>, so keys of thousands of
/// consultants never pile up in memory and a key changed on another silo does not linger here. A key that leaves the
/// pool, or that its consultant replaces, is dropped at once with <see cref="Forget"/>.
/// </summary>
public sealed class AiClientCache(int capacity, TimeSpan idleLimit, TimeProvider time) : IDisposable
{
    /// <summary>Long enough that a busy key is always reused, short enough that a replaced key does not stay long.</summary>
    public static readonly TimeSpan DefaultIdleLimit = TimeSpan.FromMinutes(30);

    private readonly Lock gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> byKey = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> recency = new(); // most recently used first

    public int Count
    {
        get
        {
            lock (gate)
            {
                return byKey.Count;
            }
        }
    }

    public IChatClient GetOrAdd(string apiKey, Func<string, IChatClient> create)
    {
        var dropped = new List<IChatClient>();
        IChatClient client;
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (byKey.TryGetValue(apiKey, out var node))
            {
                recency.Remove(node);
            }
            else
            {
                node = new LinkedListNode<Entry>(new Entry(apiKey, create(apiKey)));
                byKey[apiKey] = node;
            }

            node.Value.LastUsed = now;
            recency.AddFirst(node);
            client = node.Value.Client;
            while (recency.Last is { } oldest && (byKey.Count > capacity || oldest.Value.LastUsed < now - idleLimit))
            {
                Remove(oldest);
                dropped.Add(oldest.Value.Client);
            }
        }

        // A call still using a dropped client holds its own reference and finishes normally.
        dropped.ForEach(old => old.Dispose());
        return client;
    }

    /// <summary>Drops the client of a key that is no longer used (removed from the pool, replaced by its consultant).</summary>
    public void Forget(string apiKey)
    {
        IChatClient? dropped = null;
        lock (gate)
        {
            if (byKey.TryGetValue(apiKey, out var node))
            {
                Remove(node);
                dropped = node.Value.Client;
            }
        }

        dropped?.Dispose();
    }

    public void Dispose()
    {
        List<IChatClient> clients;
        lock (gate)
        {
            clients = recency.Select(entry => entry.Client).ToList();
            recency.Clear();
            byKey.Clear();
        }

        clients.ForEach(client => client.Dispose());
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        recency.Remove(node);
        byKey.Remove(node.Value.Key);
    }

    private sealed class Entry(string key, IChatClient client)
    {
        public string Key { get; } = key;

        public IChatClient Client { get; } = client;

        public DateTimeOffset LastUsed { get; set; }
    }
}
