using System.Security.Cryptography;
using System.Text;

namespace Consultant.Grains.Common;

/// <summary>
/// The secret in a link that needs no sign-in (an attachment for Twilio, a calendar file, a calendar feed): 256 random
/// bits, URL-safe; only its SHA-256 is stored, so the table alone opens nothing.
/// </summary>
public static class SecretTokens
{
    /// <summary>A token as made today is 43 characters: a path outside these bounds is no token of ours.</summary>
    public const int MinLength = 32;

    public const int MaxLength = 64;

    public static string New() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Whether the text could be one of our tokens (checked before any query).</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: >= MinLength and <= MaxLength } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
