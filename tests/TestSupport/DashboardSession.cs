using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Consultant.TestSupport;

/// <summary>
/// A browser's view of the dashboard without a browser: the cookies, the sign-in form (with its antiforgery token)
/// and the sign-out form, over https as behind the TLS proxy. Redirects are not followed, so they can be checked.
/// </summary>
public sealed partial class DashboardSession(HttpClient http) : IDisposable
{
    public HttpClient Http { get; } = http;

    /// <summary>The session cookie as the sign-in set it (name=value; its chunks too), to replay it from elsewhere.</summary>
    public string? AuthCookie { get; private set; }

    public static HttpClient CreateClient(SiloHost host) =>
        host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

    /// <summary>Signs in through the sign-in page's form, as a person would.</summary>
    public static async Task<DashboardSession> SignInAsync(SiloHost host, string email, string password)
    {
        var session = new DashboardSession(CreateClient(host));
        var response = await session.PostSignInFormAsync(email, password);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString().Contains("/login", StringComparison.Ordinal) != false)
        {
            throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        session.AuthCookie = string.Join("; ", response.Headers.GetValues("Set-Cookie")
            .Where(cookie => cookie.StartsWith("consultant.auth", StringComparison.Ordinal))
            .Select(cookie => cookie.Split(';')[0]));
        return session;
    }

    public async Task<HttpResponseMessage> PostSignInFormAsync(string email, string password)
    {
        var token = await AntiforgeryTokenAsync("/login");
        return await Http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>The sign-out button's form post; without <paramref name="antiforgeryToken"/> as a forged one would be.</summary>
    public Task<HttpResponseMessage> PostSignOutAsync(string? antiforgeryToken) =>
        Http.PostAsync("/account/logout", new FormUrlEncodedContent(antiforgeryToken is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { ["__RequestVerificationToken"] = antiforgeryToken }));

    /// <summary>
    /// The antiforgery token of a statically rendered page's form, for this session's user (the sign-in page is the
    /// one static page; the others render in the browser).
    /// </summary>
    public async Task<string> AntiforgeryTokenAsync(string path)
    {
        var html = await Http.GetStringAsync(path);
        return TokenInput().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups["token"].Value)
            : throw new InvalidOperationException($"No antiforgery token on {path}.");
    }

    /// <summary>Whether the session is still signed in: a dashboard page answers instead of sending to the sign-in page.</summary>
    public async Task<bool> IsSignedInAsync()
    {
        using var response = await Http.GetAsync("/clients");
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>A client that sends only <paramref name="cookie"/>, as someone holding a copy of it would.</summary>
    public static DashboardSession WithCookie(SiloHost host, string cookie)
    {
        var client = CreateClient(host);
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return new DashboardSession(client);
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex(""""name="__RequestVerificationToken"\s+value="(?<token>[^"]+)"|value="(?<token>[^"]+)"\s+name="__RequestVerificationToken"""")]
    private static partial Regex TokenInput();
}
