namespace Consultant.Grains.Broadcasts;

/// <summary>A recipient claimed ahead of its send slot: what <see cref="BroadcastSender.SendAsync"/> sends.</summary>
public sealed record ClaimedSend(Broadcast Broadcast, ClaimedRecipient Recipient);
