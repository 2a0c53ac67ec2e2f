using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Consultant.TestSupport;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Consultant.Tests;

/// <summary>DataProtection:CertificatePath encrypts the key ring stored in PostgreSQL; without it the start-up log warns.</summary>
public sealed class KeyRingProtectionTests
{
    private const string Password = "key-ring-test-password";
    private FakeTwilio twilio = null!;
    private string certificateFolder = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        twilio = await FakeTwilio.StartAsync();
        certificateFolder = Directory.CreateTempSubdirectory("consultant-key-ring-").FullName;
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await twilio.DisposeAsync();
        Directory.Delete(certificateFolder, recursive: true);
    }

    /// <summary>A self-signed RSA certificate written as a password-protected PFX, as an operator would provide.</summary>
    private string WriteSelfSignedPfx()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=consultant key ring test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(certificateFolder, $"{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }

    private static Dictionary<string, string> CertificateSettings(string path, string password) => new()
    {
        ["DataProtection:CertificatePath"] = path,
        ["DataProtection:CertificatePassword"] = password,
    };

    private static async Task<List<string>> StoredKeysAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT xml FROM data_protection_keys", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    [Test]
    public async Task With_a_certificate_the_stored_key_ring_is_encrypted_and_another_silo_with_it_reads_the_tokens()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        var settings = CertificateSettings(WriteSelfSignedPfx(), Password);
        string token;
        await using (var first = new SiloHost(connectionString, twilio.BaseUrl, clusterId: "key-ring", settings: settings))
        {
            using var consultant = await first.RegisterConsultantAsync();
            token = consultant.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        }

        var keys = await StoredKeysAsync(connectionString);
        Assert.That(keys, Is.Not.Empty);
        Assert.That(keys, Has.All.Contains("EncryptedData").And.All.Not.Contains("<masterKey"));

        // A fresh silo has only the database and the certificate: it must decrypt the key to read the token.
        await using var second = new SiloHost(connectionString, twilio.BaseUrl, clusterId: "key-ring", settings: settings);
        using var client = second.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.That((await client.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_missing_certificate_file_or_a_wrong_password_stops_the_start_with_the_reason()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();

        await using (var missing = new SiloHost(connectionString, twilio.BaseUrl, clusterId: "key-ring-missing",
                         settings: CertificateSettings(Path.Combine(certificateFolder, "absent.pfx"), Password)))
        {
            var error = Assert.Catch(() => missing.StartServer());
            Assert.That(error!.ToString(), Does.Contain("DataProtection:CertificatePath").And.Contain("does not exist"));
        }

        await using var wrongPassword = new SiloHost(connectionString, twilio.BaseUrl, clusterId: "key-ring-password",
            settings: CertificateSettings(WriteSelfSignedPfx(), "not-the-password"));
        var refused = Assert.Catch(() => wrongPassword.StartServer());
        Assert.That(refused!.ToString(), Does.Contain("DataProtection:CertificatePassword is wrong"));
    }

    [Test]
    public async Task Without_a_certificate_the_start_up_log_warns_that_the_key_ring_is_unencrypted()
    {
        var logs = new CapturedWarnings();
        await using var plain = new SiloHost(await TestPostgres.CreateDatabaseAsync(), twilio.BaseUrl, clusterId: "key-ring-plain");
        await using var host = plain.WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(logs)));

        host.StartServer();

        Assert.That(logs.Messages, Has.Some.Contains("DataProtection:CertificatePath is not set"));
    }

    private sealed class CapturedWarnings : ILoggerProvider, ILogger
    {
        private readonly List<string> messages = [];

        public IReadOnlyList<string> Messages
        {
            get
            {
                lock (messages)
                {
                    return [.. messages];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lock (messages)
                {
                    messages.Add(formatter(state, exception));
                }
            }
        }

        public void Dispose()
        {
        }
    }
}
