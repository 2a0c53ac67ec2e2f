using Consultant.TestSupport;

namespace Consultant.Bench;

/// <summary>What the fake Twilio received for a set of contacts: the first message to each after a moment, and how many.</summary>
internal static class TwilioReplies
{
    /// <summary>
    /// Waits until every contact has been sent a message at or after <paramref name="since"/>, or the timeout passes (a
    /// run on a starved machine reports the missing ones instead of failing). Returns the first such time per contact.
    /// Polls every quarter second: the fake keeps every message, and this process's CPU is part of what is reported.
    /// </summary>
    public static async Task<Dictionary<string, DateTimeOffset>> FirstAfterAsync(
        FakeTwilio twilio, IReadOnlyCollection<string> contacts, DateTimeOffset since, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var first = FirstAfter(twilio, contacts, since);
            if (first.Count == contacts.Count || DateTime.UtcNow > deadline)
            {
                return first;
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Contacts sent anything but exactly one message at or after <paramref name="since"/>.</summary>
    public static int NotExactlyOnce(FakeTwilio twilio, IReadOnlyCollection<string> contacts, DateTimeOffset since)
    {
        var wanted = contacts.Select(c => "whatsapp:" + c).ToHashSet();
        var counts = twilio.Sent.Where(m => m.DateSent >= since && wanted.Contains(m.To)).CountBy(m => m.To).ToDictionary();
        return wanted.Count(to => counts.GetValueOrDefault(to) != 1);
    }

    private static Dictionary<string, DateTimeOffset> FirstAfter(FakeTwilio twilio, IReadOnlyCollection<string> contacts, DateTimeOffset since)
    {
        var wanted = contacts.Select(c => "whatsapp:" + c).ToHashSet();
        var first = new Dictionary<string, DateTimeOffset>();
        foreach (var message in twilio.Sent)
        {
            if (message.DateSent >= since && wanted.Contains(message.To) && (!first.TryGetValue(message.To, out var known) || message.DateSent < known))
            {
                first[message.To] = message.DateSent;
            }
        }

        return first.ToDictionary(pair => pair.Key["whatsapp:".Length..], pair => pair.Value);
    }
}
