using Consultant.Api.Auth;
using Consultant.Grains.Accounts;
using Consultant.Grains.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Consultant.Api.Accounts;

/// <summary>
/// The account's settings group: the signed-in consultant's time zone, dashboard language and default phone country.
/// Until a language is chosen it follows the request's Accept-Language.
/// </summary>
public static class AccountSettingsApi
{
    public static IEndpointRouteBuilder MapAccountSettingsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/account/settings").WithTags(ApiTags.Accounts).RequireAuthorization(AuthSchemes.ApiPolicy);
        group.MapGet("/", Get).WithName("GetAccountSettings").WithSummary("Time zone, dashboard language and default phone country");
        group.MapPut("/", Save).WithName("SaveAccountSettings").WithSummary("Changes the account's settings; null keeps a field, empty restores its default")
            .Produces<AccountSettings>().ProducesProblems(ProblemKind.Invalid);
        return endpoints;
    }

    private static Task<AccountSettings> Get(HttpContext http, AccountSettingsService settings) =>
        settings.GetAsync(http.User.GetConsultantId(), http.Request.Headers[HeaderNames.AcceptLanguage].ToString());

    private static async Task<IResult> Save(AccountSettingsInput request, HttpContext http, AccountSettingsService settings) =>
        (await settings.SaveAsync(http.User.GetConsultantId(), request, http.Request.Headers[HeaderNames.AcceptLanguage].ToString())).ToHttpResult();
}
