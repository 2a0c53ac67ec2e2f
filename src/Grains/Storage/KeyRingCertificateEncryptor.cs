using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Logging;

namespace Consultant.Grains.Storage;

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
