namespace Consultant.Api.Auth;

/// <summary>
/// The API takes bearer tokens only (no cookies, so no cross-site request forgery); the dashboard and the Orleans
/// Dashboard take the cookie.
/// </summary>
public static class AuthSchemes
{
    public const string Bearer = "Bearer";
    public const string Cookie = "Cookies";

    public const string ApiPolicy = "consultant-api";
    public const string DashboardPolicy = "consultant-dashboard";
    public const string AdminPolicy = "admin-api";

    /// <summary>
    /// The Orleans Dashboard and the dashboard's admin pages (cluster-wide data: every tenant's): administrators with the
    /// dashboard's cookie, the account's flag checked each time.
    /// </summary>
    public const string OperatorDashboardPolicy = "operator-dashboard";

    /// <summary>The SignalR hub: API clients with a bearer token, the dashboard with its cookie.</summary>
    public const string HubPolicy = "consultant-hub";

    /// <summary>Reading a media file (a GET, so no forgery risk): API clients and the dashboard's img and audio tags.</summary>
    public const string MediaPolicy = "consultant-media";

    public const string LoginPath = "/login";
}
