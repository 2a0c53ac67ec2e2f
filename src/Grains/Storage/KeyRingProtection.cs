using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Consultant.Grains.Storage;

/// <summary><c>DataProtection:CertificatePath</c> and <c>DataProtection:CertificatePassword</c>: the PFX that encrypts the key ring.</summary>
public sealed class KeyRingProtectionOptions
{
    public const string Section = "DataProtection";

    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}

/// <summary>
/// The Data Protection key ring lives in PostgreSQL beside the secrets it protects. With a certificate configured each
/// key is stored encrypted to it (and decrypted with it), so a copy of the database alone opens nothing. Every silo
/// needs the same certificate. Read when the host starts, so test hosts can set it until then.
/// </summary>
public static class KeyRingProtection
{
    public static IServiceCollection AddKeyRingInPostgres(this IServiceCollection services)
    {
        services.AddOptions<KeyRingProtectionOptions>().BindConfiguration(KeyRingProtectionOptions.Section);
        services.AddSingleton<KeyRingCertificate>();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(options =>
            {
                options.XmlRepository = new PostgresXmlRepository(provider.GetRequiredService<NpgsqlDataSource>());
                if (provider.GetRequiredService<KeyRingCertificate>().Certificate is { } certificate)
                {
                    options.XmlEncryptor = new KeyRingCertificateEncryptor(certificate, provider.GetRequiredService<ILoggerFactory>());
                }
            }));
        services.AddHostedService<KeyRingProtectionCheck>();
        return services;
    }
}

/// <summary>The configured certificate, loaded once; null when none is configured.</summary>
public sealed class KeyRingCertificate
{
    private readonly Lazy<X509Certificate2?> certificate;
    private readonly Lazy<IXmlDecryptor> decryptor;

    public KeyRingCertificate(IOptions<KeyRingProtectionOptions> options)
    {
        certificate = new Lazy<X509Certificate2?>(() => Load(options.Value));
        decryptor = new Lazy<IXmlDecryptor>(() => CreateDecryptor(Certificate));
    }

    public X509Certificate2? Certificate => certificate.Value;

    /// <summary>ASP.NET Core's own EncryptedXml decryptor, given the certificate (its options type is not public).</summary>
    internal IXmlDecryptor Decryptor => decryptor.Value;

    private static IXmlDecryptor CreateDecryptor(X509Certificate2? certificate)
    {
        if (certificate is null)
        {
            throw new InvalidOperationException(
                "The Data Protection key ring holds keys encrypted with a certificate, but DataProtection:CertificatePath is not set. Configure the certificate they were encrypted with.");
        }

        var services = new ServiceCollection();
        services.AddDataProtection().UnprotectKeysWithAnyCertificate(certificate);
        return new EncryptedXmlDecryptor(services.BuildServiceProvider());
    }

    private static X509Certificate2? Load(KeyRingProtectionOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return null;
        }

        var path = options.CertificatePath;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"DataProtection:CertificatePath names '{path}', which does not exist. Give the path of the PKCS#12 (.pfx) file that protects the key ring.");
        }

        X509Certificate2 loaded;
        try
        {
            loaded = X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword);
        }
        catch (CryptographicException exception)
        {
            throw new InvalidOperationException(
                $"DataProtection:CertificatePath '{path}' could not be opened: the DataProtection:CertificatePassword is wrong or the file is not a PKCS#12 (.pfx) file.",
                exception);
        }

        if (loaded.GetRSAPrivateKey() is null)
        {
            loaded.Dispose();
            throw new InvalidOperationException(
                $"DataProtection:CertificatePath '{path}' holds no RSA private key; the key ring needs a certificate with one.");
        }

        return loaded;
    }
}

/// <summary>
/// ASP.NET Core's certificate encryptor, recording <see cref="KeyRingCertificateDecryptor"/> as the decryptor so the
/// certificate comes from configuration when the host starts rather than when services are registered.
/// </summary>
internal sealed class KeyRingCertificateEncryptor(X509Certificate2 certificate, ILoggerFactory loggers) : IXmlEncryptor
{
    private readonly CertificateXmlEncryptor encryptor = new(certificate, loggers);

    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(encryptor.Encrypt(plaintextElement).EncryptedElement, typeof(KeyRingCertificateDecryptor));
}

/// <summary>
/// Named in every encrypted key's XML (<c>decryptorType</c>) and created by Data Protection when the key is read:
/// keep its name and namespace.
/// </summary>
public sealed class KeyRingCertificateDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        services.GetRequiredService<KeyRingCertificate>().Decryptor.Decrypt(encryptedElement);
}

/// <summary>At start-up: a bad certificate setting stops the silo with the reason; no certificate is a warning.</summary>
internal sealed class KeyRingProtectionCheck(KeyRingCertificate certificate, ILogger<KeyRingProtectionCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (certificate.Certificate is { } loaded)
        {
            logger.LogInformation("The Data Protection key ring is encrypted with the certificate {Thumbprint}.", loaded.Thumbprint);
        }
        else
        {
            logger.LogWarning(
                "DataProtection:CertificatePath is not set: the Data Protection key ring is stored unencrypted in PostgreSQL beside the secrets it protects. Set a certificate for production (see the README's Security section).");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
