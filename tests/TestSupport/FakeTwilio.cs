using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Consultant.TestSupport;

/// <summary>
/// Twilio's REST API as an HTTP server on loopback, in Twilio's wire format (JSON resources, HTTP Basic auth with
/// Account SID and Auth Token, error bodies with code/message/more_info/status). The production SDK talks to it.
/// </summary>
public sealed class FakeTwilio : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, string> accounts = new();

    public ConcurrentQueue<string> RequestPaths { get; } = new();

    public Uri BaseUrl { get; }

    private FakeTwilio(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public static async Task<FakeTwilio> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeTwilio(app, new Uri($"http://127.0.0.1:{port}"));
        app.MapGet("/2010-04-01/Accounts/{sid}.json", fake.FetchAccount);
        await app.StartAsync();
        return fake;
    }

    public void AddAccount(string accountSid, string authToken) => accounts[accountSid] = authToken;

    private IResult FetchAccount(string sid, HttpContext http)
    {
        RequestPaths.Enqueue(http.Request.Path);
        if (!Authenticated(http, out var user) || user != sid)
        {
            return Error(401, 20003, "Authenticate");
        }

        var now = DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture);
        return Results.Json(new Dictionary<string, object?>
        {
            ["sid"] = sid,
            ["owner_account_sid"] = sid,
            ["friendly_name"] = "Test account",
            ["status"] = "active",
            ["type"] = "Full",
            ["date_created"] = now,
            ["date_updated"] = now,
            ["auth_token"] = "redacted",
            ["uri"] = $"/2010-04-01/Accounts/{sid}.json",
            ["subresource_uris"] = new Dictionary<string, string>(),
        });
    }

    private bool Authenticated(HttpContext http, out string? user)
    {
        user = null;
        if (!AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var header) || header.Scheme != "Basic")
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter ?? "")).Split(':', 2);
        user = parts[0];
        return parts.Length == 2 && accounts.TryGetValue(parts[0], out var token) && token == parts[1];
    }

    private static IResult Error(int status, int code, string message) => Results.Json(
        new { code, message, more_info = $"https://www.twilio.com/docs/errors/{code}", status }, statusCode: status);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
