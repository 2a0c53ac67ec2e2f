using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Consultant.Grains.Calendar;

/// <summary>OAuth's proof key (RFC 7636, S256): a random verifier kept here, its SHA-256 sent with the consent request.</summary>
public static class PkceChallenge
{
    public const string Method = "S256";

    /// <summary>32 random bytes, base64url: 43 characters of the allowed alphabet.</summary>
    public static string NewVerifier() => RandomValue();

    public static string ChallengeOf(string verifier) =>
        WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <summary>An unguessable value for the verifier or the state.</summary>
    public static string RandomValue() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>How a state is kept: its SHA-256 in hex, so the table alone cannot complete a sign-in.</summary>
    public static string HashOf(string state) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(state)));
}
