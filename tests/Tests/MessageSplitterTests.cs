using Consultant.Grains.Replying;

namespace Consultant.Tests;

public sealed class MessageSplitterTests
{
    [Test]
    public void A_reply_longer_than_the_allowed_parts_is_cut_with_an_ellipsis()
    {
        var text = string.Concat(Enumerable.Repeat("One more sentence about your plan. ", 300)); // 10,500 characters

        var parts = MessageSplitter.Split(text, maxParts: 3);

        Assert.That(parts, Has.Count.EqualTo(3));
        Assert.That(parts.Select(p => p.Length), Has.All.LessThanOrEqualTo(MessageSplitter.MaxLength));
        Assert.That(parts[^1], Does.EndWith("plan." + MessageSplitter.Ellipsis), "cut at a sentence end");
    }

    [Test]
    public void A_reply_within_the_allowed_parts_is_kept_whole()
    {
        var text = string.Concat(Enumerable.Repeat("Short tip. ", 250)).Trim(); // 2,749 characters

        var parts = MessageSplitter.Split(text, maxParts: 3);

        Assert.That(string.Join(' ', parts), Is.EqualTo(text));
        Assert.That(parts, Has.Count.EqualTo(2));
    }
}
