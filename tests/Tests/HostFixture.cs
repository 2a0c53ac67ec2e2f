using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>One database, one fake Twilio and one product host per test class.</summary>
public abstract class HostFixture
{
    protected FakeTwilio Twilio { get; private set; } = null!;

    protected SiloHost Host { get; private set; } = null!;

    /// <summary>Configuration a test class needs beyond the host's defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string>? Settings => null;

    /// <summary>Services a test class puts in beside (or instead of) the product's.</summary>
    protected virtual Action<IServiceCollection>? Services => null;

    [OneTimeSetUp]
    public async Task StartHostAsync()
    {
        Twilio = await FakeTwilio.StartAsync();
        Host = new SiloHost(await TestPostgres.CreateDatabaseAsync(), Twilio.BaseUrl, settings: Settings, services: Services);
        Host.StartServer();
    }

    [OneTimeTearDown]
    public async Task StopHostAsync()
    {
        await Host.DisposeAsync();
        await Twilio.DisposeAsync();
    }
}
