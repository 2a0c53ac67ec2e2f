using System.Net;
using System.Net.Http.Json;
using Consultant.Grains.Accounts;
using Consultant.Grains.Demo;
using Consultant.Silo;
using Consultant.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Consultant.Tests;

/// <summary>Who is an administrator (only the operator decides) and what only administrators see: the Orleans Dashboard.</summary>
public sealed class AdministratorTests : HostFixture
{
    private const string OldStyleAdminEmail = "boss@example.com";

    // The setting that used to make whoever registered this address first an administrator.
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Admin:Emails"] = OldStyleAdminEmail,
    };

    [Test]
    public async Task Registering_an_address_the_operator_meant_for_an_administrator_grants_nothing()
    {
        using var squatter = await Host.RegisterConsultantAsync("Squatter", "Boss@Example.com");

        Assert.That((await squatter.Http.GetAsync("/api/admin/ai-keys")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await squatter.Http.PostAsJsonAsync("/api/admin/ai-keys", new { label = "mine", apiKey = "k-1234" })).StatusCode,
            Is.EqualTo(HttpStatusCode.Forbidden));
        using var again = await Host.SignInAsync(squatter.Email, squatter.Password);
        Assert.That((await again.Http.GetAsync("/api/admin/ai-keys")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task The_operators_switch_grants_the_flag_to_an_existing_account_and_revoking_takes_effect_at_once()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var output = new StringWriter();

        Assert.That(await AdminCommand.RunAsync(["--grant-admin", "nobody@example.com"], Configuration(), output), Is.EqualTo(1));
        Assert.That(output.ToString(), Does.Contain("no account"));
        Assert.That(await AdminCommand.RunAsync(["--grant-admin"], Configuration(), output), Is.EqualTo(2));

        Assert.That(await AdminCommand.RunAsync(["--grant-admin", consultant.Email.ToUpperInvariant()], Configuration(), output), Is.EqualTo(0));
        using var admin = await Host.SignInAsync(consultant.Email, consultant.Password);
        Assert.That((await admin.Http.GetAsync("/api/admin/ai-keys")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // The token still says "admin", but the flag is what counts.
        Assert.That(await AdminCommand.RunAsync(["--revoke-admin", consultant.Id.ToString()], Configuration(), output), Is.EqualTo(0));
        Assert.That((await admin.Http.GetAsync("/api/admin/ai-keys")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Admin_account_ids_in_configuration_mark_existing_accounts_only()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var accounts = Host.Services.GetRequiredService<ConsultantAccountRepository>();

        await ConfiguredAdministrators.GrantAsync(
            Configuration(($"{ConfiguredAdministrators.ConfigurationKey}", $"{Guid.NewGuid()}, {consultant.Id}")), accounts, NullLogger.Instance);

        Assert.That(await accounts.IsAdminAsync(consultant.Id), Is.True);
        using var admin = await Host.SignInAsync(consultant.Email, consultant.Password);
        Assert.That((await admin.Http.GetAsync("/api/admin/ai-keys")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var wrong = Configuration((ConfiguredAdministrators.ConfigurationKey, consultant.Email));
        Assert.That(async () => await ConfiguredAdministrators.GrantAsync(wrong, accounts, NullLogger.Instance),
            Throws.InvalidOperationException.With.Message.Contains(ConfiguredAdministrators.ConfigurationKey));
    }

    [Test]
    public async Task The_demo_seed_makes_the_demo_consultant_an_administrator()
    {
        await Host.Services.GetRequiredService<DemoSeeder>().SeedAsync();

        using var demo = await Host.SignInAsync(DemoSeeder.Email, DemoSeeder.Password);
        Assert.That((await demo.Http.GetAsync("/api/admin/ai-keys")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var session = await DashboardSession.SignInAsync(Host, DemoSeeder.Email, DemoSeeder.Password);
        using var dashboard = await session.Http.GetAsync("/orleans/");
        Assert.That(dashboard.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_consultant_gets_403_or_404_on_every_orleans_dashboard_path_and_an_administrator_opens_it_without_the_trace()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        using var consultantSession = await DashboardSession.SignInAsync(Host, consultant.Email, consultant.Password);
        string[] paths =
        [
            "/orleans", "/orleans/", "/orleans/index.html", "/orleans/index.min.js", "/orleans/index.css", "/orleans/favicon.ico",
            "/orleans/fonts/x.woff2", "/orleans/img/x.png", "/orleans/version", "/orleans/DashboardCounters", "/orleans/ClusterStats",
            "/orleans/Reminders", "/orleans/Reminders/1", "/orleans/HistoricalStats/x", "/orleans/SiloProperties/x",
            "/orleans/SiloMetadata/x", "/orleans/SiloStats/x", "/orleans/SiloCounters/x", "/orleans/GrainStats/x",
            "/orleans/TopGrainMethods", "/orleans/GrainState?grainId=x&grainType=y", "/orleans/LifecycleStages",
            "/orleans/GrainTypes", "/orleans/Trace", "/orleans/trace", "/orleans/Trace/",
        ];
        foreach (var path in paths)
        {
            // Headers only: the trace stream, were it open, would never end.
            using var response = await consultantSession.Http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden).Or.EqualTo(HttpStatusCode.NotFound), path);
        }

        // The consultant's bearer token does not open it either (the dashboard takes the cookie only).
        using var tokenClient = Host.CreateClient(new() { AllowAutoRedirect = false });
        tokenClient.DefaultRequestHeaders.Authorization = consultant.Http.DefaultRequestHeaders.Authorization;
        using var withToken = await tokenClient.GetAsync("/orleans/DashboardCounters");
        Assert.That(withToken.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "sent to the sign-in page");

        using var admin = await Host.RegisterAdministratorAsync();
        using var adminSession = await DashboardSession.SignInAsync(Host, admin.Email, admin.Password);
        using var page = await adminSession.Http.GetAsync("/orleans/");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var counters = await adminSession.Http.GetAsync("/orleans/DashboardCounters");
        Assert.That(counters.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // The trace stream (the silo's whole log) is off unless OrleansDashboard:EnableTrace: not even administrators.
        using var trace = await adminSession.Http.GetAsync("/orleans/Trace", HttpCompletionOption.ResponseHeadersRead);
        Assert.That(trace.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(
            settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))
                .Append(KeyValuePair.Create("ConnectionStrings:Postgres", (string?)Host.ConnectionString)))
            .Build();
}
