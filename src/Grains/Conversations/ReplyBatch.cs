using Consultant.Grains.Replying;

namespace Consultant.Grains.Conversations;

[GenerateSerializer]
[Alias("Consultant.ReplyBatch")]
public sealed class ReplyBatch
{
    [Id(0)] public Guid BatchId { get; set; }

    [Id(1)] public List<Guid> MessageIds { get; set; } = [];

    /// <summary>Set when this batch carries a change of opt-out: its answer is the confirmation, not the AI.</summary>
    [Id(2)] public OptOutChange OptOutChange { get; set; }
}
