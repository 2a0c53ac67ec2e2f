namespace Consultant.Grains.Booking;

/// <summary>
/// A booking tool made this change while answering <paramref name="BatchId"/> of the chat with
/// <paramref name="ContactAddress"/>: its confirmation is owed to that contact, recorded with the change itself.
/// </summary>
public sealed record ConfirmInChat(Guid BatchId, string ContactAddress);
