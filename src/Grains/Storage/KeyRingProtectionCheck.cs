using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Consultant.Grains.Storage;

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
