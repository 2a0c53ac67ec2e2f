using Consultant.Grains.Languages;

namespace Consultant.Grains.Broadcasts;

/// <summary>
/// A recipient claimed ahead of its send slot: what <see cref="BroadcastSender.SendAsync"/> sends, with the opt-out
/// hint's language (<see cref="BroadcastHintLanguage"/>, found once for the claimed batch).
/// </summary>
public sealed record ClaimedSend(Broadcast Broadcast, ClaimedRecipient Recipient, ContactLanguage HintLanguage);
