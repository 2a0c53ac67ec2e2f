using System.IdentityModel.Tokens.Jwt;
using System.Net.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Calendar;

/// <summary>
/// Google's OAuth 2.0 endpoints over <see cref="HttpClient"/>: the consent address (authorization code with PKCE,
/// offline access for a refresh token), the code exchange, the refresh and the revocation. Tokens never go into a
/// message or a log.
/// </summary>
public sealed class GoogleOAuthClient(IHttpClientFactory httpClients, IOptions<GoogleOptions> options, TimeProvider time)
{
    public const string HttpClientName = "google";

    /// <summary>Events of the calendars (to add the bookings), busy times, and the account's e-mail to show it.</summary>
    public const string Scopes =
        "openid email https://www.googleapis.com/auth/calendar.events https://www.googleapis.com/auth/calendar.freebusy";

    private GoogleOptions Options => options.Value;

    public Uri ConsentUrl(string redirectUri, string state, string codeChallenge) => new(QueryHelpers.AddQueryString(
        GoogleOptions.Under(Options.ConsentBaseUrl, "o/oauth2/v2/auth").ToString(),
        new Dictionary<string, string?>
        {
            ["client_id"] = Options.ClientId,
            ["redirect_uri"] = redirectUri,
            ["response_type"] = "code",
            ["scope"] = Scopes,
            ["state"] = state,
            ["code_challenge"] = codeChallenge,
            ["code_challenge_method"] = PkceChallenge.Method,
            ["access_type"] = "offline", // a refresh token, to copy bookings while the consultant is away
            ["prompt"] = "consent",      // and one every time, also when the account had agreed before
            ["include_granted_scopes"] = "true",
        }));

    public Task<GoogleTokens> ExchangeCodeAsync(string code, string codeVerifier, string redirectUri, CancellationToken cancellationToken) =>
        TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["code_verifier"] = codeVerifier,
            ["redirect_uri"] = redirectUri,
        }, "The code exchange", cancellationToken);

    /// <summary>A fresh access token; <see cref="GoogleFailure.Revoked"/> when the refresh token no longer works.</summary>
    public Task<GoogleTokens> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
        }, "The token refresh", cancellationToken);

    /// <summary>Revokes the token (and with it the consent); true also when Google says it is no longer valid.</summary>
    public async Task<bool> RevokeAsync(string token, CancellationToken cancellationToken)
    {
        try
        {
            using var http = httpClients.CreateClient(HttpClientName);
            using var response = await http.PostAsync(
                GoogleOptions.Under(Options.OAuthBaseUrl, "revoke"),
                new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }), cancellationToken);
            return response.IsSuccessStatusCode || (int)response.StatusCode == 400; // 400: invalid_token, already gone
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<GoogleTokens> TokenAsync(Dictionary<string, string> form, string what, CancellationToken cancellationToken)
    {
        form["client_id"] = Options.ClientId ?? "";
        form["client_secret"] = Options.ClientSecret ?? "";
        GoogleTokenResponse? answer;
        HttpResponseMessage response;
        try
        {
            using var http = httpClients.CreateClient(HttpClientName);
            response = await http.PostAsync(GoogleOptions.Under(Options.OAuthBaseUrl, "token"), new FormUrlEncodedContent(form), cancellationToken);
            answer = await ReadAsync(response, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw GoogleRequestException.Unreachable(what, ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode || answer?.AccessToken is not { Length: > 0 } accessToken)
            {
                throw GoogleRequestException.FromAnswer(response.StatusCode, answer?.Error, what);
            }

            return new GoogleTokens(
                accessToken, time.GetUtcNow().AddSeconds(answer.ExpiresIn ?? 3600), answer.RefreshToken, EmailOf(answer.IdToken));
        }
    }

    private static async Task<GoogleTokenResponse?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<GoogleTokenResponse>(cancellationToken);
        }
        catch (System.Text.Json.JsonException)
        {
            return null; // an HTML error page from a proxy: the status decides
        }
    }

    /// <summary>
    /// The account's e-mail from the ID token. It came straight from Google's token endpoint over TLS, so it is read
    /// without checking its signature (OpenID Connect Core 3.1.3.7); it is only shown, never trusted for access.
    /// </summary>
    private static string? EmailOf(string? idToken)
    {
        if (string.IsNullOrEmpty(idToken))
        {
            return null;
        }

        try
        {
            return new JwtSecurityTokenHandler().ReadJwtToken(idToken).Claims.FirstOrDefault(claim => claim.Type == "email")?.Value;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
