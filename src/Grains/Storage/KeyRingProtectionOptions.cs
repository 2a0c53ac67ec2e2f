namespace Consultant.Grains.Storage;

/// <summary><c>DataProtection:CertificatePath</c> and <c>DataProtection:CertificatePassword</c>: the PFX that encrypts the key ring.</summary>
public sealed class KeyRingProtectionOptions
{
    public const string Section = "DataProtection";

    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}
