using System.Net;
using Consultant.Api.Auth;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Net.Http.Headers;

namespace Consultant.Silo;

/// <summary>
/// Running behind a TLS-terminating reverse proxy, and pages that no other site may frame.
/// The proxy's X-Forwarded-For and X-Forwarded-Proto are believed only from <c>ForwardedHeaders:KnownProxies</c> /
/// <c>KnownNetworks</c> (and loopback, ASP.NET's default), so a request the proxy received over https is https here:
/// cookies are then marked Secure (SameAsRequest, so a plain-http local run still signs in) and HSTS is sent.
/// </summary>
internal static class HttpHardening
{
    public const string KnownProxiesKey = "ForwardedHeaders:KnownProxies";
    public const string KnownNetworksKey = "ForwardedHeaders:KnownNetworks";

    public static IServiceCollection AddHttpHardening(this IServiceCollection services)
    {
        // Read when the pipeline is built, so test hosts can set them until then; a bad entry stops the start.
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var entry in ListAt(configuration, KnownProxiesKey))
            {
                options.KnownProxies.Add(IPAddress.TryParse(entry, out var address)
                    ? address
                    : throw new InvalidOperationException($"{KnownProxiesKey}: '{entry}' is not an IP address."));
            }

            foreach (var entry in ListAt(configuration, KnownNetworksKey))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(entry, out var network)
                    ? network
                    : throw new InvalidOperationException($"{KnownNetworksKey}: '{entry}' is not a network such as 10.0.0.0/8."));
            }
        });
        services.Configure<CookieAuthenticationOptions>(AuthSchemes.Cookie, options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        return services;
    }

    /// <summary>First in the pipeline: everything after it sees the client's address and scheme.</summary>
    public static WebApplication UseHttpHardening(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts(); // only on https requests, and never for localhost
        }

        app.Use(ForbidFramingOfPages);
        return app;
    }

    /// <summary>
    /// Every HTML page (the dashboard, the sign-in page) refuses to be framed (clickjacking). Other responses keep their
    /// own policy, such as the media endpoint's sandboxing CSP.
    /// </summary>
    private static Task ForbidFramingOfPages(HttpContext context, RequestDelegate next)
    {
        var response = context.Response;
        response.OnStarting(() =>
        {
            if (response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                response.Headers.XFrameOptions = "DENY";
                if (!response.Headers.ContainsKey(HeaderNames.ContentSecurityPolicy))
                {
                    response.Headers.ContentSecurityPolicy = "frame-ancestors 'none'";
                }
            }

            return Task.CompletedTask;
        });
        return next(context);
    }

    /// <summary>A comma-separated value (handy in environment variables) or a configuration array.</summary>
    private static IEnumerable<string> ListAt(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var values = section.Value is { } joined ? joined.Split(',') : section.GetChildren().Select(child => child.Value ?? string.Empty);
        return values.Select(value => value.Trim()).Where(value => value.Length > 0);
    }
}
