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

    [TestCase("+393331234567")]
    [TestCase("whatsapp:+393331234567")]
    [TestCase("+1")]
    [TestCase("whatsapp:+99999999999999999")]
    public void A_number_is_kept_as_a_number_and_written_back_exactly(string address)
    {
        Assert.That(PackedAddress.TryPack(address, out var packed), Is.True);
        Assert.That(PackedAddress.Unpack(packed), Is.EqualTo(address));
    }

    [TestCase("whatsapp:US.13491208655302741918")]
    [TestCase("sim:3f2a")]
    [TestCase("+0393331234567")] // a leading zero would not come back
    [TestCase("+39 333 123 4567")]
    [TestCase("WhatsApp:+393331234567")]
    [TestCase("+123456789012345678")] // 18 digits
    [TestCase("+")]
    [TestCase("")]
    public void Anything_else_is_not_packed(string address) =>
        Assert.That(PackedAddress.TryPack(address, out _), Is.False);

    [Test]
    public void An_address_memo_gives_the_function_the_address_as_written_and_works_each_out_once()
    {
        var asked = new List<string>();
        var memo = new AddressMemo<string>(address => { asked.Add(address); return "answer for " + address; });
        string[] addresses = ["whatsapp:+393331234567", "+393331234567", "whatsapp:US.1349abc", "sim:x"];

        foreach (var _ in Enumerable.Range(0, 3))
        {
            Assert.That(addresses.Select(memo.Get), Is.EqualTo(addresses.Select(a => "answer for " + a)));
        }

        Assert.That(asked, Is.EqualTo(addresses), "each once, the number with and without its prefix apart");
    }

    [Test]
    public void A_memo_told_the_prefix_does_not_matter_keeps_one_entry_for_a_number_with_and_without_it()
    {
        var asked = new List<string>();
        var memo = new AddressMemo<string>(address => { asked.Add(address); return address.Replace("whatsapp:", "", StringComparison.Ordinal); },
            whatsAppPrefixMatters: false);

        Assert.That(memo.Get("whatsapp:+393331234567"), Is.EqualTo("+393331234567"));
        Assert.That(memo.Get("+393331234567"), Is.EqualTo("+393331234567"));
        Assert.That(asked, Has.Count.EqualTo(1));
    }
}
