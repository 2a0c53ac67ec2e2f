using Consultant.Grains.Common;

namespace Consultant.Tests;

/// <summary>A pure function's answers per address: computed once while remembered, kept for the addresses in use.</summary>
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
    public void An_address_asked_for_again_survives_a_full_generation_and_an_unused_one_is_forgotten()
    {
        var computed = new List<int>();
        var memo = new BoundedMemo<int, int>(n => { computed.Add(n); return n * 2; }, capacity: 3);

        Assert.That(new[] { 1, 2, 3, 4 }.Select(memo.Get), Is.EqualTo(new[] { 2, 4, 6, 8 })); // 4 turned the generation
        Assert.That(memo.Get(1), Is.EqualTo(2), "found in the older generation, promoted");
        Assert.That(new[] { 5, 6 }.Select(memo.Get), Is.EqualTo(new[] { 10, 12 })); // 6 turned it again: 2 and 3 dropped
        Assert.That(memo.Get(1), Is.EqualTo(2));
        Assert.That(memo.Get(2), Is.EqualTo(4));

        Assert.That(computed, Is.EqualTo(new[] { 1, 2, 3, 4, 5, 6, 2 }), "1 kept because it was used; 2 worked out again");
    }

    [Test]
    public void A_working_set_just_over_the_capacity_is_still_mostly_remembered()
    {
        var computed = 0;
        var memo = new BoundedMemo<int, int>(n => { computed++; return n; }, capacity: 100);

        for (var round = 0; round < 10; round++)
        {
            for (var address = 0; address < 120; address++)
            {
                memo.Get(address);
            }
        }

        // Emptying everything when full missed every lookup here (1,200); two generations miss about a quarter after the first round.
        Assert.That(computed, Is.LessThan(120 + (9 * 120 / 3)));
    }
}
