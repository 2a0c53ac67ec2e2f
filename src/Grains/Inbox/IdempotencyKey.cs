namespace Consultant.Grains.Inbox;

/// <summary>
/// The key a client sends with a send (HTTP header Idempotency-Key; the dashboard makes one per draft): the same key
/// twice sends once. What a key may look like, checked before anything is stored.
/// </summary>
public static class IdempotencyKey
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxLength = 128;

    /// <summary>Why <paramref name="key"/> is not a usable key, in words; null when it is one.</summary>
    public static string? Problem(string key) =>
        key.Length is 0 or > MaxLength || !key.All(IsAllowed)
            ? $"1 to {MaxLength} characters: letters, digits and - _ . : + / = (a UUID is a good key)."
            : null;

    /// <summary>A fresh key, as the dashboard makes for each new draft.</summary>
    public static string New() => Guid.NewGuid().ToString("N");

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '+' or '/' or '=';
}
