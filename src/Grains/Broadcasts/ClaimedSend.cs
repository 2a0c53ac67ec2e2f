namespace Consultant.Grains.Broadcasts;

/// <summary>A recipient claimed and given its send slot: what <see cref="BroadcastSender.SendAsync"/> sends.</summary>
public sealed record ClaimedSend(Broadcast Broadcast, ClaimedRecipient Recipient);
