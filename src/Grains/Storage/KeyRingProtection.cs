using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Consultant.Grains.Storage;

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
