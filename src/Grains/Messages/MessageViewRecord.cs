using Consultant.Grains.Abstractions;

namespace Consultant.Grains.Messages;

/// <summary>Dapper's shape of a row; the public shape is <see cref="ChatMessageView"/>.</summary>
internal sealed record MessageViewRecord(
    Guid Id, string ContactPhone, string Direction, string Sender, string Body, string Status, int NumMedia, string Channel,
    string? Error, DateTimeOffset CreatedAt, int Attempts, string? ButtonPayload, string? InteractiveOptions, string? Origin,
    string? ListButton, DateTimeOffset? RetryAt, Guid? ReplacedBy, bool RetryPaused)
{
    public ChatMessageView ToView(Guid consultantId) => new(
        Id, ConversationKey.IdFor(consultantId, ContactPhone), ContactPhone, Direction, Sender, Body, Status, NumMedia,
        Channel, Error, CreatedAt, Attempts)
    {
        ButtonPayload = ButtonPayload,
        Options = InteractiveOptionsJson.Read(InteractiveOptions),
        Origin = Origin,
        ListButton = ListButton,
        Retry = RetryAt is { } nextTry ? new MessageRetry(nextTry, ReplacedBy, RetryPaused) : null,
    };
}
