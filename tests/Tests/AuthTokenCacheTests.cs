using Consultant.Grains.Storage;
using Consultant.Grains.Twilio;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Consultant.Tests;

/// <summary>The decrypted Auth Token kept per consultant for a short time: decrypted once, gone when its time is up.</summary>
public sealed class AuthTokenCacheTests
{
    private FakeTimeProvider time = null!;
    private CountingProvider provider = null!;

    [SetUp]
    public void NewClockAndKeys()
    {
        time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        provider = new CountingProvider();
    }

    [Test]
    public void A_token_is_decrypted_once_in_its_lifetime_and_leaves_memory_after_it()
    {
        var secrets = new SecretProtector(provider);
        using var cache = new AuthTokenCache(secrets, time, Options.Create(new TwilioOptions { AuthTokenCacheSeconds = 60 }));
        var senders = new WhatsAppSenders(cache);
        var stored = secrets.Protect("token-of-consultant-a");

        var tokens = Enumerable.Range(0, 3).Select(_ => senders.CredentialsOf("AC1", stored).AuthToken).ToList();

        Assert.That(tokens, Is.All.EqualTo("token-of-consultant-a"));
        Assert.That(provider.Decryptions, Is.EqualTo(1), "three webhooks within the minute: one decryption");

        time.Advance(TimeSpan.FromSeconds(61));
        Assert.That(cache.Count, Is.Zero, "expired tokens are swept even when nobody asks again");
        Assert.That(senders.CredentialsOf("AC1", stored).AuthToken, Is.EqualTo("token-of-consultant-a"));
        Assert.That(provider.Decryptions, Is.EqualTo(2));
    }

    [Test]
    public void A_replaced_token_is_used_at_once_and_the_old_one_dropped()
    {
        var secrets = new SecretProtector(provider);
        using var cache = new AuthTokenCache(secrets, time, Options.Create(new TwilioOptions { AuthTokenCacheSeconds = 60 }));
        var senders = new WhatsAppSenders(cache);
        var before = secrets.Protect("old-token");
        Assert.That(senders.CredentialsOf("AC1", before).AuthToken, Is.EqualTo("old-token"));

        var after = secrets.Protect("new-token");
        senders.Forget(before);

        Assert.That(senders.CredentialsOf("AC1", after).AuthToken, Is.EqualTo("new-token"));
        Assert.That(cache.Count, Is.EqualTo(1), "only the token in use is held");
    }

    /// <summary>Data Protection as the product uses it, counting decryptions.</summary>
    private sealed class CountingProvider : IDataProtectionProvider
    {
        private readonly IDataProtectionProvider inner = new EphemeralDataProtectionProvider();
        private int decryptions;

        public int Decryptions => decryptions;

        public IDataProtector CreateProtector(string purpose) => new Counting(inner.CreateProtector(purpose), this);

        private sealed class Counting(IDataProtector inner, CountingProvider owner) : IDataProtector
        {
            public IDataProtector CreateProtector(string purpose) => new Counting(inner.CreateProtector(purpose), owner);

            public byte[] Protect(byte[] plaintext) => inner.Protect(plaintext);

            public byte[] Unprotect(byte[] protectedData)
            {
                Interlocked.Increment(ref owner.decryptions);
                return inner.Unprotect(protectedData);
            }
        }
    }
}
