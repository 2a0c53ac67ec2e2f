using Consultant.Grains.Abstractions;
using Consultant.Web.Inbox;

namespace Consultant.Tests;

/// <summary>
/// An open chat's messages (the Conversations page and the simulator): a page loaded while live messages come is merged
/// with them, never put in their place, so a message that arrives while the page's query runs is not lost.
/// </summary>
public sealed class ChatMessageListTests
{
    private static readonly DateTimeOffset Nine = DateTimeOffset.Parse("2026-11-26T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public void A_message_that_comes_live_while_the_page_loads_stays_after_the_page()
    {
        var list = new ChatMessageList();
        var (hello, answer, question) = (Message("Hello", 0), Message("Hi!", 1), Message("Which slot?", 2));

        var load = list.BeginLoad();
        Assert.That(list.AddLive(question), Is.True, "new");
        Assert.That(list.Merge(load, [hello, answer]), Is.True);

        Assert.That(Bodies(list), Is.EqualTo(new[] { "Hello", "Hi!", "Which slot?" }));
    }

    [Test]
    public void A_message_both_on_the_page_and_live_is_shown_once_as_the_live_event_has_it()
    {
        var list = new ChatMessageList();
        var sent = Message("Hi!", 1);
        var load = list.BeginLoad();
        list.AddLive(sent with { Status = "delivered" });
        list.AddSent(sent); // the composer's answer after its event: not twice, not older
        list.Merge(load, [Message("Hello", 0), sent, Message("Later", 2)]);

        Assert.That(list.Select(m => (m.Body, m.Status)), Is.EqualTo(new[] { ("Hello", "sent"), ("Hi!", "delivered"), ("Later", "sent") }));
    }

    [Test]
    public void A_try_replaced_by_its_retry_while_the_page_loads_stays_out_of_the_page()
    {
        var list = new ChatMessageList();
        var firstTry = Message("Open day", 0) with { Retry = new MessageRetry(Nine.AddMinutes(5)) };
        var retry = Message("Open day", 5);

        var load = list.BeginLoad();
        list.AddLive(firstTry with { Retry = new MessageRetry(Nine.AddMinutes(5), retry.Id) });
        list.AddLive(retry);
        list.Merge(load, [firstTry]);

        Assert.That(list.Select(m => m.Id), Is.EqualTo(new[] { retry.Id }));
    }

    [Test]
    public void The_page_of_a_load_begun_before_another_is_not_merged()
    {
        var list = new ChatMessageList();
        var before = list.BeginLoad(); // the first contact chosen
        var now = list.BeginLoad(); // then another, before the first page came
        list.AddLive(Message("Live", 3));

        Assert.That(list.Merge(before, [Message("The first contact's", 0)]), Is.False);
        list.Merge(now, [Message("Earlier", 1)]);

        Assert.That(Bodies(list), Is.EqualTo(new[] { "Earlier", "Live" }));
    }

    [Test]
    public void Live_updates_and_older_pages_keep_one_message_an_id()
    {
        var list = new ChatMessageList();
        var (older, shown) = (Message("Older", 0), Message("Shown", 1));
        list.Merge(list.BeginLoad(), [shown]);

        Assert.That(list.AddLive(shown with { Status = "read" }), Is.False, "known: updated");
        list.AddOlder([older, shown]);

        Assert.That(list.Select(m => (m.Body, m.Status)), Is.EqualTo(new[] { ("Older", "sent"), ("Shown", "read") }));
    }

    private static ChatMessageView Message(string body, int minute) =>
        new(Guid.NewGuid(), Guid.Empty, "+393330000000", "outbound", "ai", body, "sent", 0, "whatsapp", null, Nine.AddMinutes(minute));

    private static IEnumerable<string> Bodies(IEnumerable<ChatMessageView> list) => list.Select(m => m.Body);
}
