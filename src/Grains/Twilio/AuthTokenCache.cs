using System.Collections.Concurrent;
using Consultant.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Twilio;

/// <summary>
/// Consultants' Auth Tokens, decrypted once and kept for a short time (<see cref="TwilioOptions.AuthTokenCacheSeconds"/>):
/// Data Protection derives keys on every decryption, and every webhook's signature check needs the token. Keyed by the
/// encrypted token the consultant's settings hold, so a changed token is a new key, used at once on every silo; the
/// replaced one is dropped at once on the silo that saved it (<see cref="Forget"/>) and elsewhere when its time is up.
/// An entry has no text form, so a token cannot reach a log through it.
/// </summary>
public sealed class AuthTokenCache : IDisposable
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly SecretProtector secrets;
    private readonly TimeProvider time;
    private readonly TimeSpan lifetime;
    private readonly ITimer? sweep;

    public AuthTokenCache(SecretProtector secrets, TimeProvider time, IOptions<TwilioOptions> options)
    {
        this.secrets = secrets;
        this.time = time;
        lifetime = TimeSpan.FromSeconds(options.Value.AuthTokenCacheSeconds);
        if (lifetime > TimeSpan.Zero)
        {
            // Expired tokens leave memory even when nobody asks for them again.
            sweep = time.CreateTimer(_ => RemoveExpired(), null, lifetime, lifetime);
        }
    }

    /// <summary>Tokens held now.</summary>
    public int Count => entries.Count;

    public string Decrypt(string protectedToken)
    {
        if (lifetime <= TimeSpan.Zero)
        {
            return secrets.Unprotect(protectedToken);
        }

        var now = time.GetUtcNow();
        if (entries.TryGetValue(protectedToken, out var entry) && entry.Expires > now)
        {
            return entry.Token;
        }

        var token = secrets.Unprotect(protectedToken);
        entries[protectedToken] = new Entry(token, now + lifetime);
        return token;
    }

    /// <summary>Drops a token its consultant replaced or removed.</summary>
    public void Forget(string protectedToken) => entries.TryRemove(protectedToken, out _);

    public void Dispose()
    {
        sweep?.Dispose();
        entries.Clear();
    }

    private void RemoveExpired()
    {
        var now = time.GetUtcNow();
        foreach (var pair in entries)
        {
            if (pair.Value.Expires <= now)
            {
                entries.TryRemove(pair); // only if not renewed meanwhile
            }
        }
    }

    private sealed class Entry(string token, DateTimeOffset expires)
    {
        public string Token { get; } = token;

        public DateTimeOffset Expires { get; } = expires;
    }
}
