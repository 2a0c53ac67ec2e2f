using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Consultant.Tests;

/// <summary>The silo's directory cache is bounded (Orleans:DirectoryCacheSize), not Orleans' million addresses.</summary>
public sealed class OrleansDirectoryCacheTests : HostFixture
{
    [Test]
    public void The_directory_cache_holds_a_hundred_thousand_addresses_unless_configured()
    {
        var directory = Host.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value;

        Assert.That(directory.CacheSize, Is.EqualTo(100_000).And.LessThan(GrainDirectoryOptions.DEFAULT_CACHE_SIZE));
    }
}

/// <summary>The same, configured.</summary>
public sealed class OrleansDirectoryCacheConfiguredTests : HostFixture
{
    protected override IReadOnlyDictionary<string, string>? Settings { get; } = new Dictionary<string, string>
    {
        ["Orleans:DirectoryCacheSize"] = "25000",
    };

    [Test]
    public void A_configured_directory_cache_size_is_used()
    {
        Assert.That(Host.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.CacheSize, Is.EqualTo(25_000));
    }
}
