using Consultant.Silo;
using Consultant.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Consultant.Tests;

/// <summary>
/// The silo's listen address is chosen the way Program.cs chooses it: a builder over src/Silo's appsettings.json,
/// then <see cref="ListenAddress.UseDefaultWhenUnset"/>. No PostgreSQL needed.
/// </summary>
[NonParallelizable] // sets process environment variables
public sealed class ListenAddressTests
{
    private static readonly string[] UrlVariables = ["ASPNETCORE_URLS", "URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS"];
    private Dictionary<string, string?> saved = [];

    [SetUp]
    public void ClearUrlVariables()
    {
        saved = UrlVariables.ToDictionary(name => name, Environment.GetEnvironmentVariable);
        foreach (var name in UrlVariables)
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [TearDown]
    public void RestoreUrlVariables()
    {
        foreach (var (name, value) in saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    private static WebApplicationBuilder SiloBuilder(params string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = RepositoryPaths.SiloProject,
            EnvironmentName = "Production",
        });
        ListenAddress.UseDefaultWhenUnset(builder);
        return builder;
    }

    [Test]
    public async Task Aspnetcore_urls_decides_where_the_silo_listens()
    {
        var address = $"http://127.0.0.1:{FreePort.Next()}";
        Environment.SetEnvironmentVariable("ASPNETCORE_URLS", address);

        var builder = SiloBuilder();
        Assert.That(builder.Configuration[WebHostDefaults.ServerUrlsKey], Is.EqualTo(address));

        // And Kestrel really binds there.
        await using var app = builder.Build();
        await app.StartAsync();
        try
        {
            Assert.That(app.Urls, Is.EquivalentTo(new[] { address }));
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Test]
    public void The_urls_argument_decides_over_aspnetcore_urls()
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_URLS", "http://127.0.0.1:5991");

        var builder = SiloBuilder("--urls", "http://127.0.0.1:5992");

        Assert.That(builder.Configuration[WebHostDefaults.ServerUrlsKey], Is.EqualTo("http://127.0.0.1:5992"));
    }

    [Test]
    public void With_nothing_set_the_silo_listens_on_localhost_5080()
    {
        var builder = SiloBuilder();

        Assert.That(builder.Configuration[WebHostDefaults.ServerUrlsKey], Is.EqualTo("http://localhost:5080"));
    }
}
