using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Grains.Storage;

/// <summary>
/// Named in every encrypted key's XML (<c>decryptorType</c>) and created by Data Protection when the key is read:
/// keep its name and namespace.
/// </summary>
public sealed class KeyRingCertificateDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        services.GetRequiredService<KeyRingCertificate>().Decryptor.Decrypt(encryptedElement);
}
