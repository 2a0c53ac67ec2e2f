using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Api.Auth;

public static class AuthenticationSetup
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(12);

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
                options.ExpireTimeSpan = TimeSpan.FromDays(7);
            })
            // Opaque tokens protected by Data Protection: any silo can read them through the shared key ring.
            .AddBearerToken(AuthSchemes.Bearer, options => options.BearerTokenExpiration = TokenLifetime);

        services.AddAuthorizationBuilder()
            .AddPolicy(AuthSchemes.ApiPolicy, policy => policy
                .AddAuthenticationSchemes(AuthSchemes.Bearer)
                .RequireAuthenticatedUser()
                .RequireRole(ConsultantClaims.Role))
            .AddPolicy(AuthSchemes.AdminPolicy, policy => policy
                .AddAuthenticationSchemes(AuthSchemes.Bearer)
                .RequireAuthenticatedUser()
                .RequireRole(ConsultantClaims.AdminRole))
            .AddPolicy(AuthSchemes.DashboardPolicy, policy => policy
                .AddAuthenticationSchemes(AuthSchemes.Cookie)
                .RequireAuthenticatedUser()
                .RequireRole(ConsultantClaims.Role));

        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<AdminAccounts>();
        return services;
    }
}
