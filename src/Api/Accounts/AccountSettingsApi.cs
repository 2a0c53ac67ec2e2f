using Consultant.Api.Auth;
using Consultant.Grains.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Consultant.Api.Accounts;

/// <summary>
/// The signed-in consultant's time zone, dashboard language and default phone country. Until a language is chosen
/// it follows the request's Accept-Language.
/// </summary>
public static class AccountSettingsApi
{
    public static IEndpointRouteBuilder MapAccountSettingsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/account/settings").WithTags("Account").RequireAuthorization(AuthSchemes.ApiPolicy);
        group.MapGet("/", Get);
        group.MapPut("/", Save);
        return endpoints;
    }

    private static Task<AccountSettings> Get(HttpContext http, AccountSettingsService settings) =>
        settings.GetAsync(http.User.GetConsultantId(), http.Request.Headers[HeaderNames.AcceptLanguage].ToString());

    private static async Task<Results<Ok<AccountSettings>, ValidationProblem>> Save(
        AccountSettingsInput request, HttpContext http, AccountSettingsService settings)
    {
        var (saved, errors) = await settings.SaveAsync(
            http.User.GetConsultantId(), request, http.Request.Headers[HeaderNames.AcceptLanguage].ToString());
        return saved is null ? TypedResults.ValidationProblem(errors.ToDictionary()) : TypedResults.Ok(saved);
    }
}
