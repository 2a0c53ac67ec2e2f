using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Api.Auth;

/// <summary>
/// Sign-in attempts per client address (the API's login and the dashboard's sign-in form together), so nobody can
/// guess passwords, or keep accounts locked, cheaply. Beyond the limit: 429 with <c>Retry-After</c>.
/// </summary>
public static class SignInRateLimit
{
    public const string PolicyName = "sign-in";
    public const string ConfigurationKey = "Auth:SignInAttemptsPerMinutePerIp";
    public const int DefaultAttemptsPerMinute = 20;

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var perMinute = configuration.GetValue(ConfigurationKey, DefaultAttemptsPerMinute);
            if (perMinute < 1)
            {
                throw new InvalidOperationException($"{ConfigurationKey} must be at least 1 (it is {perMinute}).");
            }

            options.AddPolicy(PolicyName, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(ClientKey(context.Connection.RemoteIpAddress), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                })
                // Showing the sign-in page is no attempt (this key can never be an address).
                : RateLimitPartition.GetNoLimiter("not-a-post"));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (rejected, _) =>
            {
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : 60;
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                if (IsPageForm(rejected.HttpContext.Request) && rejected.HttpContext.GetEndpoint()?.RequestDelegate is { } page)
                {
                    return new ValueTask(ShowPageAgainAsync(rejected.HttpContext, page, seconds));
                }

                return new ValueTask(Results.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests, title: "Too many sign-in attempts",
                    detail: RefusedMessage(seconds))
                    .ExecuteAsync(rejected.HttpContext));
            };
        });
        return services;
    }

    /// <summary>
    /// Set on a refused sign-in form post (the seconds until the next attempt): the page then shows itself again with
    /// the message and 429 instead of trying the sign-in.
    /// </summary>
    public const string RefusedFormRetryAfterItem = "SignInRateLimit.RefusedFormRetryAfter";

    public static string RefusedMessage(int seconds) =>
        $"Too many sign-in attempts from your network; try again in {seconds} seconds.";

    // A browser's form post to a page (the API answers with problem details instead).
    private static bool IsPageForm(HttpRequest request) =>
        request.HasFormContentType && !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    // The page rendered as on a GET, so the refused post is neither read nor tried: the person sees the sign-in page.
    private static Task ShowPageAgainAsync(HttpContext context, RequestDelegate page, int seconds)
    {
        context.Items[RefusedFormRetryAfterItem] = seconds;
        context.Request.Method = HttpMethods.Get;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        return page(context);
    }

    /// <summary>
    /// The partition of a client: its IPv4 address, or its IPv6 /64 (one subscriber usually holds a whole /64, so
    /// single addresses would cost an attacker nothing). No address (an in-memory test server) is one partition.
    /// </summary>
    public static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
