using Microsoft.AspNetCore.DataProtection;

namespace Consultant.Grains.Storage;

/// <summary>Encrypts credentials at rest with ASP.NET Core Data Protection (key ring shared through PostgreSQL).</summary>
public sealed class SecretProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("Consultant.Secrets.v1");

    public string Protect(string secret) => protector.Protect(secret);

    public string Unprotect(string protectedSecret) => protector.Unprotect(protectedSecret);
}
