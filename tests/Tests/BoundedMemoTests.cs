using Consultant.Grains.Common;

namespace Consultant.Tests;

/// <summary>A pure function's answers per address: computed once while remembered, never more than the capacity kept.</summary>
public sealed class BoundedMemoTests
{
    [Test]
    public void An_address_is_worked_out_once_while_it_is_remembered()
    {
        var computed = 0;
        var memo = new BoundedMemo<string, string>(address => { computed++; return address.ToUpperInvariant(); }, capacity: 3);

        Assert.That(Enumerable.Range(0, 5).Select(_ => memo.Get("+39a")), Is.All.EqualTo("+39A"));
        Assert.That(computed, Is.EqualTo(1));
    }

    [Test]
    public void Once_full_it_starts_again_empty_and_still_answers_right()
    {
        var computed = 0;
        var memo = new BoundedMemo<int, int>(n => { computed++; return n * 2; }, capacity: 3);

        Assert.That(new[] { 1, 2, 3 }.Select(memo.Get), Is.EqualTo(new[] { 2, 4, 6 }));
        Assert.That(memo.Count, Is.EqualTo(3));

        Assert.That(memo.Get(4), Is.EqualTo(8));
        Assert.That(memo.Count, Is.EqualTo(1), "the fourth address emptied it");
        Assert.That(memo.Get(1), Is.EqualTo(2));
        Assert.That(computed, Is.EqualTo(5), "1 was forgotten and worked out again");
    }
}
