namespace Consultant.Silo;

/// <summary>
/// Where the dashboard and API listen: <c>ASPNETCORE_URLS</c>, <c>--urls</c>, <c>Urls</c>, the port variables or Kestrel
/// endpoints when any is set, otherwise <see cref="Default"/>. The default lives here rather than in appsettings.json
/// because WebApplication reads ASPNETCORE_-prefixed variables before appsettings.json, so a <c>Urls</c> key there
/// would silently override ASPNETCORE_URLS.
/// </summary>
internal static class ListenAddress
{
    public const string Default = "http://localhost:5080";

    public static void UseDefaultWhenUnset(WebApplicationBuilder builder)
    {
        if (IsUnset(builder.Configuration))
        {
            builder.WebHost.UseUrls(Default);
        }
    }

    private static bool IsUnset(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
        && string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpPortsKey])
        && string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpsPortsKey])
        && !configuration.GetSection("Kestrel:Endpoints").Exists();
}
