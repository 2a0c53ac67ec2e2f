using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.TestSupport;
using Microsoft.AspNetCore.SignalR.Client;

namespace Consultant.Bench;

/// <summary>
/// One consultant's dashboard as far as live events go, reached as a browser reaches it: signed in through the sign-in
/// page's form (its antiforgery token, then the session cookie), then connected to the dashboard's hub
/// (<c>/hubs/whatsapp</c>) with that cookie, the transport negotiated as a browser's client negotiates it (WebSockets
/// here). Each <c>NewMessage</c> is handed to <c>onNewMessage</c> with its body and the moment it arrived
/// (<see cref="Stopwatch.GetTimestamp"/>).
/// </summary>
internal sealed class DashboardListener : IAsyncDisposable
{
    private readonly HubConnection connection;

    private DashboardListener(HubConnection connection) => this.connection = connection;

    public static async Task<DashboardListener> OpenAsync(Uri baseUrl, BenchTenant consultant, Action<string, long> onNewMessage)
    {
        var cookies = new CookieContainer();
        using (var session = new DashboardSession(new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(100),
        }))
        {
            using var response = await session.PostSignInFormAsync(consultant.Email, consultant.Password);
            if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString().Contains("/login", StringComparison.Ordinal) != false)
            {
                throw new InvalidOperationException($"The dashboard sign-in of {consultant.Email} answered {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUrl, "hubs/whatsapp"), options => options.Cookies = cookies)
            .Build();
        connection.On<JsonElement>(DashboardEventNames.NewMessage, message =>
            onNewMessage(message.GetProperty("body").GetString() ?? "", Stopwatch.GetTimestamp()));
        await connection.StartAsync();
        return new DashboardListener(connection);
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
