using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Api.Auth;

public static class AuthenticationSetup
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(12);

    public static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(7);

    public static IServiceCollection AddConsultantAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(AuthSchemes.Cookie)
            .AddCookie(AuthSchemes.Cookie, options =>
            {
                options.LoginPath = AuthSchemes.LoginPath;
                options.Cookie.Name = "consultant.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = CookieLifetime;
                // A signed-out session's cookie (a copy kept elsewhere), one a password change ended, and one from
                // before sessions were named are refused.
                options.Events.OnValidatePrincipal = SignedOutCookies.RejectAsync;
                // The hub is no page: an unauthenticated connection gets 401, not a redirect to the sign-in page.
                options.Events.OnRedirectToLogin = context =>
                {
                    if (context.Request.Path.StartsWithSegments("/hubs"))
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    }
                    else
                    {
                        context.Response.Redirect(context.RedirectUri);
                    }

                    return Task.CompletedTask;
                };
                // No "access denied" page: a signed-in consultant who may not open something (the Orleans Dashboard)
                // gets a plain 403.
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            })
            // Opaque tokens protected by Data Protection: any silo can read them through the shared key ring.
            .AddBearerToken(AuthSchemes.Bearer, options =>
            {
                options.BearerTokenExpiration = TokenLifetime;
                // Browsers cannot put a header on a WebSocket: the hub alone also takes the token from the query.
                options.Events.OnMessageReceived = context =>
                {
                    if (context.Request.Path.StartsWithSegments("/hubs") && context.Request.Query["access_token"] is [{ Length: > 0 } token])
                    {
                        context.Token = token;
                    }

                    return Task.CompletedTask;
                };
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(AuthSchemes.ApiPolicy, policy => policy
                .AddAuthenticationSchemes(AuthSchemes.Bearer)
                .RequireAuthenticatedUser()
                .RequireRole(ConsultantClaims.Role)
                .AddRequirements(new CurrentSessionRequirement()))
            .AddPolicy(AuthSchemes.AdminPolicy, policy => policy
                .AddAuthenticationSchemes(AuthSchemes.Bearer)
                .RequireAuthenticatedUser()
                .RequireRole(ConsultantClaims.AdminRole)
                .AddRequirements(new CurrentAdministratorRequirement(), new CurrentSessionRequirement()))
            .AddPolicy(AuthSchemes.OperatorDashboardPolicy, policy => policy
                .AddAuthenticationSchemes(AuthSchemes.Cookie)
                .RequireAuthenticatedUser()
                .RequireRole(ConsultantClaims.AdminRole)
                .AddRequirements(new CurrentAdministratorRequirement()))
            .AddPolicy(AuthSchemes.MediaPolicy, policy => policy
                .AddAuthenticationSchemes(AuthSchemes.Bearer, AuthSchemes.Cookie)
                .RequireAuthenticatedUser()
                .RequireRole(ConsultantClaims.Role)
                .AddRequirements(new CurrentSessionRequirement()))
            .AddPolicy(AuthSchemes.HubPolicy, policy => policy
                .AddAuthenticationSchemes(AuthSchemes.Bearer, AuthSchemes.Cookie)
                .RequireAuthenticatedUser()
                .RequireRole(ConsultantClaims.Role)
                .AddRequirements(new CurrentSessionRequirement()))
            .AddPolicy(AuthSchemes.DashboardPolicy, policy => policy
                .AddAuthenticationSchemes(AuthSchemes.Cookie)
                .RequireAuthenticatedUser()
                .RequireRole(ConsultantClaims.Role));

        services.AddSingleton<IAuthorizationHandler, CurrentAdministratorHandler>();
        services.AddSingleton<IAuthorizationHandler, CurrentSessionHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, EndedSessionChallenge>();
        services.AddSingleton<TokenIssuer>();
        services.AddSignInRateLimit();
        return services;
    }
}
