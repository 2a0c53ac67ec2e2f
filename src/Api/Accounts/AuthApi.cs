using Consultant.Api.Auth;
using Consultant.Grains.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Consultant.Api.Accounts;

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/register", Register);
        group.MapPost("/login", Login).RequireRateLimiting(SignInRateLimit.PolicyName);
        group.MapGet("/me", Me).RequireAuthorization(AuthSchemes.ApiPolicy);
        // The current password is a guess like a sign-in's: counted, locked and rate-limited the same way.
        group.MapPost("/password", ChangePassword).RequireAuthorization(AuthSchemes.ApiPolicy).RequireRateLimiting(SignInRateLimit.PolicyName);

        // The dashboard's sign-out: a form post from the signed-in page, refused without its antiforgery token so no
        // other site can sign a consultant out.
        endpoints.MapPost("/account/logout", Logout).RequireAuthorization(AuthSchemes.DashboardPolicy);
        return endpoints;
    }

    private static async Task<Results<Created<TokenResponse>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterRequest request, AccountService accounts, TokenIssuer tokens)
    {
        var result = await accounts.RegisterAsync(request.Email, request.Password, request.Name);
        return result.Outcome switch
        {
            RegisterOutcome.Created => TypedResults.Created("/api/auth/me", ToResponse(result.Account!, tokens)),
            RegisterOutcome.EmailTaken => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict, title: "E-mail already registered",
                detail: "An account with this e-mail already exists. Sign in instead."),
            _ => TypedResults.ValidationProblem(result.Errors.ToDictionary()),
        };
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Login(
        LoginRequest request, AccountService accounts, TokenIssuer tokens, HttpContext http, TimeProvider time)
    {
        var result = await accounts.LoginAsync(request.Email, request.Password);
        switch (result.Outcome)
        {
            case LoginOutcome.Success:
                return TypedResults.Ok(ToResponse(result.Account!, tokens));
            case LoginOutcome.LockedOut:
                return Locked(http, result.LockedUntil!.Value, time);
            default:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed",
                    detail: "The e-mail or the password is wrong.");
        }
    }

    /// <summary>Changes the password; every other session (tokens and dashboard cookies) ends, this token stays valid.</summary>
    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangePassword(
        ChangePasswordRequest request, AccountService accounts, HttpContext http, TimeProvider time)
    {
        var result = await accounts.ChangePasswordAsync(
            http.User.GetConsultantId(), http.User.GetSessionId(), request.CurrentPassword, request.NewPassword);
        return result.Outcome switch
        {
            ChangePasswordOutcome.Changed => TypedResults.NoContent(),
            ChangePasswordOutcome.LockedOut => Locked(http, result.LockedUntil!.Value, time),
            _ => TypedResults.ValidationProblem(result.Errors.ToDictionary()),
        };
    }

    private static ProblemHttpResult Locked(HttpContext http, DateTimeOffset lockedUntil, TimeProvider time)
    {
        var wait = lockedUntil - time.GetUtcNow();
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests, title: "Too many failed sign-ins",
            detail: $"This account is locked after {AccountService.MaxFailedLogins} failed attempts. Try again after {lockedUntil:HH:mm} UTC.");
    }

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
