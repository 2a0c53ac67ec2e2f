using Consultant.Grains.Abstractions;
using Consultant.Grains.Outbound.Pacing;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Consultant.Tests;

/// <summary>
/// The sender pacer: slots at the configured rate on a fake clock, shared by every automated bulk send of one sender
/// (Twilio account and number), and separate for another account on the same number.
/// </summary>
public sealed class SenderPacingTests : HostFixture
{
    protected override IReadOnlyDictionary<string, string>? Settings => new Dictionary<string, string> { ["Broadcast:MessagesPerSecond"] = "1" };

    [Test]
    public void Slots_come_at_the_configured_rate_however_many_senders_ask_at_once()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-26T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var slots = new SendSlots(50);
        var start = time.GetUtcNow();

        // Three broadcasts and a follow-up asking in turn: 200 slots in all.
        var taken = Enumerable.Range(0, 200).Select(_ => slots.Take(time.GetUtcNow())).ToList();

        Assert.That(taken[0], Is.EqualTo(start), "the first goes at once");
        Assert.That(taken.Zip(taken.Skip(1), (a, b) => b - a), Is.All.EqualTo(TimeSpan.FromMilliseconds(20)), "evenly spaced at 50 a second");
        Assert.That(taken.Count(slot => slot < start + TimeSpan.FromSeconds(1)), Is.EqualTo(50));
        Assert.That(taken[^1] - start, Is.EqualTo(TimeSpan.FromSeconds(3.98)));
    }

    [Test]
    public void An_idle_sender_does_not_save_up_slots_for_a_burst()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-26T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var slots = new SendSlots(10);
        slots.Take(time.GetUtcNow());
        time.Advance(TimeSpan.FromHours(1));

        var now = time.GetUtcNow();
        var next = Enumerable.Range(0, 3).Select(_ => slots.Take(time.GetUtcNow())).ToList();

        Assert.That(next, Is.EqualTo(new[] { now, now.AddMilliseconds(100), now.AddMilliseconds(200) }));
    }

    [Test]
    public async Task Waiting_for_a_slot_ends_only_when_the_fake_clock_reaches_it()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-26T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var slots = new SendSlots(10);
        var waits = Enumerable.Range(0, 25).Select(_ => WaitAsync(slots, time)).ToList();

        await Poll.UntilAsync(() => Task.FromResult(waits.Count(w => w.IsCompleted)), n => n == 1, TimeSpan.FromSeconds(10), "the first slot");
        time.Advance(TimeSpan.FromSeconds(1));
        await Poll.UntilAsync(() => Task.FromResult(waits.Count(w => w.IsCompleted)), n => n == 11, TimeSpan.FromSeconds(10), "a second's slots");
        Assert.That(waits.Skip(11).Any(w => w.IsCompleted), Is.False, "the rest wait for their time");
        time.Advance(TimeSpan.FromSeconds(1.4));
        await Poll.UntilAsync(() => Task.FromResult(waits.Count(w => w.IsCompleted)), n => n == 25, TimeSpan.FromSeconds(10), "all slots");
    }

    [Test]
    public async Task Consultants_on_one_account_and_number_share_a_pacer_and_another_account_on_that_number_does_not()
    {
        var grains = Host.Services.GetRequiredService<IGrainFactory>();
        var account = "AC" + Guid.NewGuid().ToString("N");
        var sandbox = "+14155238886";
        var first = SenderSettings(account, sandbox);
        var colleague = SenderSettings(account, sandbox);
        var otherAccount = SenderSettings("AC" + Guid.NewGuid().ToString("N"), sandbox);

        var a = await grains.GetGrain<ISenderPacerGrain>(SenderKey.Of(Guid.NewGuid(), first)).TakeSlotAsync();
        var b = await grains.GetGrain<ISenderPacerGrain>(SenderKey.Of(Guid.NewGuid(), colleague)).TakeSlotAsync();
        var c = await grains.GetGrain<ISenderPacerGrain>(SenderKey.Of(Guid.NewGuid(), otherAccount)).TakeSlotAsync();

        Assert.That(b - a, Is.EqualTo(TimeSpan.FromSeconds(1)), "one schedule at Broadcast:MessagesPerSecond = 1");
        Assert.That(c, Is.LessThan(b), "another account's pacer has its own slots");
        Assert.That(SenderKey.Of(Guid.Empty, null), Does.StartWith("consultant:"), "without Twilio: a pacer of the consultant's own");
    }

    private static ConsultantReplySettings SenderSettings(string accountSid, string number) =>
        new(accountSid, "protected", number, true, true, null, WhatsAppMode.Webhook, "persona", "script");

    /// <summary>As <see cref="PacedSends.WaitForSlotAsync"/> does with the pacer grain's answer.</summary>
    private static async Task WaitAsync(SendSlots slots, TimeProvider time)
    {
        var wait = slots.Take(time.GetUtcNow()) - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time);
        }
    }
}
