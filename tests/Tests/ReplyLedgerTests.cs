using Consultant.Grains.Messages;
using Consultant.Grains.Outbound;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>
/// A batch's reply is recorded before it is sent, its parts in one statement (inserted and returned with any kept): in
/// order, all of them, once per batch (the batch id is the idempotency key), and cleaned as every other write is.
/// </summary>
public sealed class ReplyLedgerTests : HostFixture
{
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task A_replys_parts_are_recorded_in_order_once_per_batch_and_a_second_recording_returns_the_first()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        using var other = await Host.RegisterConsultantAsync();
        var ledger = Host.Services.GetRequiredService<ReplyLedger>();
        var batchId = Guid.NewGuid();

        var first = await ledger.RecordReplyIntentAsync(consultant.Id, "+393470002001", batchId,
            ["Ciao!", "Ecco il piano\0 di oggi.", "A domani."], MessageChannel.WhatsApp, MessageOrigin.Ai, Now);
        var again = await ledger.RecordReplyIntentAsync(consultant.Id, "+393470002001", batchId,
            ["Different words", "from a second try"], MessageChannel.WhatsApp, MessageOrigin.Ai, Now.AddMinutes(1));

        Assert.That(first.Select(p => p.Body), Is.EqualTo(new[] { "Ciao!", "Ecco il piano di oggi.", "A domani." }),
            "every part, in order, with the NUL the database cannot hold removed");
        Assert.That(first.Select(p => p.Status).Distinct(), Is.EqualTo(new[] { "sending" }));
        Assert.That(again.Select(p => p.Id), Is.EqualTo(first.Select(p => p.Id)), "a resumed batch gets the parts recorded first, not new ones");
        Assert.That(await ledger.GetReplyIntentsAsync(other.Id, batchId), Is.Empty, "another consultant sees nothing under that batch id");

        var createdAt = await Db.ScalarAsync<DateTime>(Host.ConnectionString,
            "SELECT min(created_at) FROM messages WHERE consultant_id = @c AND reply_to_batch_id = @b", ("c", consultant.Id), ("b", batchId));
        Assert.That(new DateTimeOffset(createdAt, TimeSpan.Zero), Is.EqualTo(Now), "recorded at the batch's time, the first try's");
    }
}
