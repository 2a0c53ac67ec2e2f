using System.Collections;
using Consultant.Grains.Abstractions;

namespace Consultant.Web.Inbox;

/// <summary>
/// The messages an open chat shows, oldest first, one per id (the Conversations page's chat and the simulator): live
/// events applied as they come, and a page loaded from the database merged in, never put in place of the list. A load's
/// query may run before a message that arrives live while it runs, so what came live since the load began is kept over
/// the page (the newer state of a known message, a try replaced by its retry left out): nothing received meanwhile is
/// lost or shown twice.
/// </summary>
public sealed class ChatMessageList : IReadOnlyList<ChatMessageView>
{
    private readonly List<ChatMessageView> items = [];
    private readonly HashSet<Guid> removedDuringLoad = [];
    private int load; // the latest load begun: an earlier one's page (another conversation's, say) is not merged

    public int Count => items.Count;

    public ChatMessageView this[int index] => items[index];

    /// <summary>
    /// Empties the list for a load of a conversation's latest page (another conversation, or the same afresh) and
    /// returns the load's ticket for <see cref="Merge"/>; from here on, live messages are kept for it.
    /// </summary>
    public int BeginLoad()
    {
        items.Clear();
        removedDuringLoad.Clear();
        return ++load;
    }

    /// <summary>
    /// The loaded page (oldest first) with what came live since <see cref="BeginLoad"/>: the live state of a message wins,
    /// a try replaced meanwhile stays out, ordered by time. False (nothing changed) when a later load has begun.
    /// </summary>
    public bool Merge(int ticket, IEnumerable<ChatMessageView> loaded)
    {
        if (ticket != load)
        {
            return false;
        }

        var live = items.ToDictionary(m => m.Id);
        var merged = loaded
            .Where(m => !removedDuringLoad.Contains(m.Id) && m.Retry?.ReplacedBy is null)
            .Select(m => live.Remove(m.Id, out var newer) ? newer : m)
            .ToList();
        merged.AddRange(items.Where(m => live.ContainsKey(m.Id))); // live only: the page's query ran before them
        items.Clear();
        items.AddRange(merged.OrderBy(m => m.CreatedAt)); // stable: the page's order (parts of one reply) is kept within a time
        removedDuringLoad.Clear();
        return true;
    }

    /// <summary>
    /// A live message: a new one added at the bottom, a known one updated (its status), a try replaced by its retry taken
    /// away (the chat shows a broadcast once, as its latest try). True when it was new.
    /// </summary>
    public bool AddLive(ChatMessageView message)
    {
        var known = items.FindIndex(m => m.Id == message.Id);
        if (message.Retry?.ReplacedBy is not null)
        {
            removedDuringLoad.Add(message.Id);
            if (known >= 0)
            {
                items.RemoveAt(known);
            }

            return false;
        }

        if (known >= 0)
        {
            items[known] = message;
            return false;
        }

        items.Add(message);
        return true;
    }

    /// <summary>A message just sent or stored here, unless its live event brought it first (that one is as new or newer).</summary>
    public void AddSent(ChatMessageView message)
    {
        if (items.TrueForAll(m => m.Id != message.Id))
        {
            items.Add(message);
        }
    }

    /// <summary>An older page (oldest first) put above the shown messages, without those already shown.</summary>
    public void AddOlder(IEnumerable<ChatMessageView> older) =>
        items.InsertRange(0, older.Where(m => items.TrueForAll(known => known.Id != m.Id)).ToList());

    public IEnumerator<ChatMessageView> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
