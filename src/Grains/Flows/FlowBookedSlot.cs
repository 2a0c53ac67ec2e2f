namespace Consultant.Grains.Flows;

/// <summary>The consultation a flow's booking step booked: when it starts, and its label as the contact saw it in the list.</summary>
public sealed record FlowBookedSlot(DateTimeOffset StartsAt, string Label);
