using Consultant.Grains.Common;

namespace Consultant.Grains.Inbox;

/// <summary>The outcome of a consultant's action on a conversation: not found, invalid (errors), or done.</summary>
public sealed record ConversationActionResult<T>(T? Value, ValidationErrors Errors, bool NotFound = false) where T : class
{
    /// <summary>The first answer to a request with the same idempotency key, given again: nothing was done now.</summary>
    public bool Replayed { get; init; }

    /// <summary>Refused because the same idempotency key's first request is still running (errors say so).</summary>
    public bool Conflict { get; init; }

    public static ConversationActionResult<T> Missing() => new(null, new ValidationErrors(), NotFound: true);
}
