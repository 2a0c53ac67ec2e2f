namespace Consultant.Grains.Abstractions;

/// <summary>
/// A message the system sends on its own, outside a reply (a booking change told to the contact, a follow-up, a
/// broadcast, a guided flow's step): sent through <see cref="IConversationGrain.SendAutomatedAsync"/>.
/// </summary>
/// <param name="Text">What the contact reads (with a template: its rendered text, for the record).</param>
/// <param name="Origin">Who or what wrote it, one of <c>Messages/MessageOrigin</c>'s system, followup, broadcast, flow.</param>
/// <param name="Template">An approved template to send instead of free text: the only way once the 24-hour window is closed.</param>
/// <param name="Replaces">The earlier try of the same message, which WhatsApp held back (a broadcast tried again): this
/// one takes its place in the chat, while the earlier keeps its row and sid for late status callbacks.</param>
[GenerateSerializer, Immutable]
[Alias("Consultant.AutomatedMessage")]
public sealed record AutomatedMessage(
    [property: Id(0)] string Text,
    [property: Id(1)] string Origin,
    [property: Id(2)] OutboundTemplate? Template = null,
    [property: Id(3)] Guid? Replaces = null);
