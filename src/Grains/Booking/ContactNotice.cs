namespace Consultant.Grains.Booking;

/// <summary>Whether the contact was told of a booking change in the chat, and why not (English; the dashboard translates it).</summary>
public sealed record ContactNotice(bool Sent, string? Problem, Guid? MessageId)
{
    public const string NoConversation = "Not sent: this client has no WhatsApp conversation yet.";

    public const string NotSentNow = "Not sent: the chat could not be reached just now. Tell the contact yourself.";
}
