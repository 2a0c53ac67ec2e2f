using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Storage;

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
