using Consultant.Api.Auth;
using Consultant.Grains.Accounts;
using Consultant.Grains.Common;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Consultant.Api.Accounts;

/// <summary>Registering, signing in for a token, the signed-in consultant, changing the password; the dashboard's sign-out.</summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/auth").WithTags(ApiTags.Accounts);
        group.MapPost("/register", Register)
            .WithName("Register").WithSummary("Creates an account and signs it in")
            .Produces<TokenResponse>(StatusCodes.Status201Created).ProducesProblems(ProblemKind.Invalid, ProblemKind.Conflict);
        group.MapPost("/login", Login).RequireRateLimiting(SignInRateLimit.PolicyName)
            .WithName("Login").WithSummary("Signs in: a bearer token for the API")
            .Produces<TokenResponse>().ProducesProblems(ProblemKind.Unauthorized, ProblemKind.TooManyAttempts);
        group.MapGet("/me", Me).RequireAuthorization(AuthSchemes.ApiPolicy)
            .WithName("GetCurrentConsultant").WithSummary("The signed-in consultant");
        // The current password is a guess like a sign-in's: counted, locked and rate-limited the same way.
        group.MapPost("/password", ChangePassword).RequireAuthorization(AuthSchemes.ApiPolicy).RequireRateLimiting(SignInRateLimit.PolicyName)
            .WithName("ChangePassword").WithSummary("Changes the password; every other session ends")
            .Produces(StatusCodes.Status204NoContent).ProducesProblems(ProblemKind.Invalid, ProblemKind.TooManyAttempts);

        // The dashboard's sign-out: a form post from the signed-in page, refused without its antiforgery token so no
        // other site can sign a consultant out.
        endpoints.MapPost("/account/logout", Logout).RequireAuthorization(AuthSchemes.DashboardPolicy)
            .WithTags(ApiTags.Accounts).WithName("Logout").WithSummary("Signs the dashboard out (its form, with the antiforgery token)")
            .Produces(StatusCodes.Status302Found).ProducesProblem(StatusCodes.Status400BadRequest);
        return endpoints;
    }

    private static async Task<IResult> Register(RegisterRequest request, AccountService accounts, TokenIssuer tokens) =>
        (await accounts.RegisterAsync(request.Email, request.Password, request.Name))
            .ToHttpResult(account => TypedResults.Created("/api/auth/me", ToResponse(account, tokens)));

    private static async Task<IResult> Login(LoginRequest request, AccountService accounts, TokenIssuer tokens) =>
        (await accounts.LoginAsync(request.Email, request.Password)).ToHttpResult(account => TypedResults.Ok(ToResponse(account, tokens)));

    /// <summary>Changes the password; every other session (tokens and dashboard cookies) ends, this token stays valid.</summary>
    private static async Task<IResult> ChangePassword(ChangePasswordRequest request, AccountService accounts, HttpContext http) =>
        (await accounts.ChangePasswordAsync(http.User.GetConsultantId(), http.User.GetSessionId(), request.CurrentPassword, request.NewPassword))
            .ToHttpResult(_ => TypedResults.NoContent());

    private static async Task<Results<Ok<ConsultantDto>, NotFound>> Me(HttpContext http, ConsultantAccountRepository accounts)
    {
        var account = await accounts.FindByIdAsync(http.User.GetConsultantId());
        return account is null ? TypedResults.NotFound() : TypedResults.Ok(new ConsultantDto(account.Id, account.Email, account.Name));
    }

    private static async Task<IResult> Logout(HttpContext http, IAntiforgery antiforgery, SignedOutSessions sessions)
    {
        if (!await HasValidAntiforgeryTokenAsync(http, antiforgery))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest, title: "Sign-out refused",
                detail: "The sign-out form's antiforgery token is missing or wrong. Use the Sign out button of the dashboard.");
        }

        await SignedOutCookies.RecordAsync(http, sessions);
        await http.SignOutAsync(AuthSchemes.Cookie);
        return TypedResults.Redirect(AuthSchemes.LoginPath);
    }

    private static async Task<bool> HasValidAntiforgeryTokenAsync(HttpContext http, IAntiforgery antiforgery)
    {
        try
        {
            return await antiforgery.IsRequestValidAsync(http);
        }
        catch (Exception error) when (error is AntiforgeryValidationException or BadHttpRequestException)
        {
            return false; // a body that cannot be read as a form carries no token either
        }
    }

    private static TokenResponse ToResponse(ConsultantAccount account, TokenIssuer tokens)
    {
        var token = tokens.Issue(account);
        return new TokenResponse(token.Token, token.ExpiresAt, new ConsultantDto(account.Id, account.Email, account.Name));
    }
}
