using Consultant.Grains.Abstractions;

namespace Consultant.Grains.Flows;

/// <summary>Messages a flow sent (recorded with origin <c>flow</c>), and why one could not go (null when all went).</summary>
public sealed record FlowSent(IReadOnlyList<ChatMessageView> Messages, string? Problem)
{
    public static readonly FlowSent Nothing = new([], null);

    public FlowSent Then(FlowSent next) => new([.. Messages, .. next.Messages], Problem ?? next.Problem);
}
