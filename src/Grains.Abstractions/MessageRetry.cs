namespace Consultant.Grains.Abstractions;

/// <summary>
/// A try of a message that WhatsApp held back and that is tried again later as a new message (a broadcast over the
/// marketing limit, 131049/63049, or the sender's rate limit): until then the chat shows it waiting, and once the next
/// try is made, only that one. While its broadcast is paused it waits for the resume, not for a time.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Consultant.MessageRetry")]
public sealed record MessageRetry(
    /// <summary>When the next try is due.</summary>
    [property: Id(0)] DateTimeOffset NextTryAt,
    /// <summary>The next try, once made: this one is no longer shown.</summary>
    [property: Id(1)] Guid? ReplacedBy = null,
    /// <summary>Its broadcast is paused: tried again once it is resumed (<see cref="NextTryAt"/> may pass meanwhile).</summary>
    [property: Id(2)] bool Paused = false);
