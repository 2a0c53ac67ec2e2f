using System.Net;
using System.Text.RegularExpressions;
using Consultant.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Consultant.Tests;

/// <summary>
/// Behind a TLS proxy: X-Forwarded-Proto is believed from a known proxy only, cookies are then Secure and HSTS is sent;
/// dashboard pages cannot be framed. Requests are made with a chosen remote address through the test server.
/// </summary>
public sealed partial class HttpHardeningTests
{
    private static readonly IPAddress Proxy = IPAddress.Parse("10.0.0.5");
    private static readonly IPAddress Stranger = IPAddress.Parse("203.0.113.9");
    private static readonly Dictionary<string, string> ProxySettings = new() { ["ForwardedHeaders:KnownProxies"] = "10.0.0.7, 10.0.0.5" };

    private FakeTwilio twilio = null!;
    private SiloHost host = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        twilio = await FakeTwilio.StartAsync();
        host = new SiloHost(await TestPostgres.CreateDatabaseAsync(), twilio.BaseUrl, clusterId: "proxy", settings: ProxySettings);
        host.StartServer();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await host.DisposeAsync();
        await twilio.DisposeAsync();
    }

    private static async Task<(HttpResponse Response, string Body)> SendAsync(
        SiloHost to, string path, IPAddress from, bool forwardedHttps, IReadOnlyDictionary<string, string>? form = null, string? cookies = null)
    {
        var formBytes = form is null ? null : await new FormUrlEncodedContent(form).ReadAsByteArrayAsync();
        var context = await to.Server.SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = from;
            context.Request.Host = new HostString("consultant.example");
            context.Request.Path = path;
            if (forwardedHttps)
            {
                context.Request.Headers["X-Forwarded-Proto"] = "https";
                context.Request.Headers["X-Forwarded-For"] = "198.51.100.7";
            }

            if (cookies is not null)
            {
                context.Request.Headers.Cookie = cookies;
            }

            if (formBytes is not null)
            {
                context.Request.Method = HttpMethods.Post;
                context.Request.ContentType = "application/x-www-form-urlencoded";
                context.Request.Body = new MemoryStream(formBytes);
            }
        });
        using var reader = new StreamReader(context.Response.Body);
        return (context.Response, await reader.ReadToEndAsync());
    }

    private static IList<SetCookieHeaderValue> CookiesSet(HttpResponse response) =>
        SetCookieHeaderValue.ParseList(response.Headers.SetCookie.ToArray()!);

    [Test]
    public async Task Dashboard_pages_refuse_to_be_framed()
    {
        var (response, _) = await SendAsync(host, "/login", Proxy, forwardedHttps: true);

        Assert.That(response.StatusCode, Is.EqualTo(StatusCodes.Status200OK));
        Assert.That(response.ContentType, Does.StartWith("text/html"));
        Assert.That(response.Headers.XFrameOptions.ToString(), Is.EqualTo("DENY"));
        Assert.That(response.Headers.ContentSecurityPolicy.ToString(), Does.Contain("frame-ancestors 'none'"));
    }

    [Test]
    public async Task Https_forwarded_by_a_known_proxy_gives_secure_antiforgery_and_sign_in_cookies()
    {
        using var consultant = await host.RegisterConsultantAsync();

        var (page, html) = await SendAsync(host, "/login", Proxy, forwardedHttps: true);
        var antiforgery = CookiesSet(page).Single(cookie => cookie.Name.Value!.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.That(antiforgery.Secure, Is.True, "antiforgery cookie");

        var form = HiddenInputs().Matches(html).ToDictionary(match => match.Groups["name"].Value, match => WebUtility.HtmlDecode(match.Groups["value"].Value));
        form["Input.Email"] = consultant.Email;
        form["Input.Password"] = consultant.Password;
        var (signedIn, _) = await SendAsync(host, "/login", Proxy, forwardedHttps: true, form, $"{antiforgery.Name}={antiforgery.Value}");

        var auth = CookiesSet(signedIn).SingleOrDefault(cookie => cookie.Name == "consultant.auth");
        Assert.That(auth, Is.Not.Null, $"no sign-in cookie; status {signedIn.StatusCode}");
        Assert.That(auth!.Secure, Is.True, "sign-in cookie");
        Assert.That(auth.HttpOnly, Is.True);
    }

    [Test]
    public async Task Forwarded_headers_from_an_unknown_address_are_ignored()
    {
        var (page, _) = await SendAsync(host, "/login", Stranger, forwardedHttps: true);

        var antiforgery = CookiesSet(page).Single(cookie => cookie.Name.Value!.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.That(antiforgery.Secure, Is.False);
    }

    [Test]
    public async Task Outside_development_https_requests_get_hsts()
    {
        var settings = new Dictionary<string, string>(ProxySettings) { ["environment"] = "Production" };
        await using var production = new SiloHost(await TestPostgres.CreateDatabaseAsync(), twilio.BaseUrl, clusterId: "proxy-production", settings: settings);
        production.StartServer();

        var (overHttps, _) = await SendAsync(production, "/login", Proxy, forwardedHttps: true);
        var (overHttp, _) = await SendAsync(production, "/login", Proxy, forwardedHttps: false);

        Assert.That(overHttps.Headers.StrictTransportSecurity.ToString(), Does.StartWith("max-age="));
        Assert.That(overHttp.Headers.ContainsKey(HeaderNames.StrictTransportSecurity), Is.False);
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)" ?/?>""")]
    private static partial Regex HiddenInputs();
}
