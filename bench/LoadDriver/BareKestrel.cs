using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Consultant.TestSupport;

namespace Consultant.Bench;

/// <summary>
/// The baseline: a bare Kestrel endpoint on the same machine, in the same process, that reads the same form post
/// and answers the same empty TwiML, with no validation, storage or grains. The product's figures are read as
/// ratios to this.
/// </summary>
internal sealed class BareKestrel : IAsyncDisposable
{
    private readonly WebApplication app;

    public Uri BaseUrl { get; }

    private BareKestrel(WebApplication app, Uri baseUrl) => (this.app, BaseUrl) = (app, baseUrl);

    public static async Task<BareKestrel> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/api/whatsapp/webhook", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            return Results.Content(form.Count > 0 ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>" : "", "text/xml");
        });
        await app.StartAsync();
        return new BareKestrel(app, new Uri($"http://127.0.0.1:{port}"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
