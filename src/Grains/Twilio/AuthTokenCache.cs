using Consultant.Grains.Common;
using Consultant.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Twilio;

/// <summary>
/// Consultants' Auth Tokens, decrypted once and kept for a short time (<see cref="TwilioOptions.AuthTokenCacheSeconds"/>):
/// Data Protection derives keys on every decryption, and every webhook's signature check needs the token. Keyed by the
/// encrypted token the consultant's settings hold, so a changed token is a new key, used at once on every silo; the
/// replaced one is dropped at once on the silo that saved it (<see cref="Forget"/>) and elsewhere when its time is up.
/// A token is held as a plain string in a cache that has no text form, so it cannot reach a log through it.
/// </summary>
public sealed class AuthTokenCache(SecretProtector secrets, TimeProvider time, IOptions<TwilioOptions> options) : IDisposable
{
    private readonly ShortLivedCache<string, string> tokens =
        new(TimeSpan.FromSeconds(options.Value.AuthTokenCacheSeconds), time, StringComparer.Ordinal);

    /// <summary>Tokens held now.</summary>
    public int Count => tokens.Count;

    public string Decrypt(string protectedToken) => tokens.GetOrAdd(protectedToken, secrets.Unprotect);

    /// <summary>Drops a token its consultant replaced or removed.</summary>
    public void Forget(string protectedToken) => tokens.Forget(protectedToken);

    public void Dispose() => tokens.Dispose();
}
