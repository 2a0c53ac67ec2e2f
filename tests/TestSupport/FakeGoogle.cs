using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace Consultant.TestSupport;

/// <summary>
/// Google's OAuth 2.0 endpoints and the Calendar API v3 as an HTTP server on loopback, in Google's wire formats: the
/// consent screen answering at once with a redirect (code and state), the token endpoint (authorization code with the
/// PKCE verifier checked against the challenge, refresh, <c>invalid_grant</c>), revocation, and events
/// insert/patch/delete/get with <c>conferenceData</c> (a Meet link only with <c>conferenceDataVersion=1</c>) and
/// <c>freeBusy</c>. Errors as Google writes them.
/// </summary>
public sealed class FakeGoogle : IAsyncDisposable
{
    public const string ClientId = "fake-client.apps.googleusercontent.com";
    public const string ClientSecret = "fake-client-secret";
    public const string AccountEmail = "consultant@gmail.example";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, Grant> codes = new();
    private readonly ConcurrentDictionary<string, Grant> refreshTokens = new();
    private readonly ConcurrentDictionary<string, (Grant Grant, DateTimeOffset ExpiresAt)> accessTokens = new();
    private readonly ConcurrentQueue<(DateTimeOffset Start, DateTimeOffset End)> busy = new();
    private int meetLinks;

    private FakeGoogle(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>Token endpoint, consent screen and revocation (the same server).</summary>
    public Uri BaseUrl { get; }

    public Uri CalendarApiBaseUrl => new(BaseUrl, "calendar/v3");

    /// <summary>The configuration a product host needs to talk to this fake.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Google:ClientId"] = ClientId,
        ["Google:ClientSecret"] = ClientSecret,
        ["Google:OAuthBaseUrl"] = BaseUrl.ToString(),
        ["Google:ConsentBaseUrl"] = BaseUrl.ToString(),
        ["Google:CalendarApiBaseUrl"] = CalendarApiBaseUrl.ToString(),
    };

    /// <summary>Every form posted to the token endpoint (grant_type, code, code_verifier, refresh_token…).</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, string>> TokenRequests { get; } = new();

    /// <summary>Tokens posted to the revocation endpoint.</summary>
    public ConcurrentQueue<string> Revoked { get; } = new();

    /// <summary>Every Calendar API call: method, path and query.</summary>
    public ConcurrentQueue<string> CalendarRequests { get; } = new();

    /// <summary>The primary calendar's events by id, as Google keeps them (deleted ones with status cancelled).</summary>
    public ConcurrentDictionary<string, JsonObject> Events { get; } = new();

    /// <summary>While true every Calendar API call answers 503 backendError, as when Google is down.</summary>
    public bool CalendarDown { get; set; }

    /// <summary>What the consent screen answers: null grants access, "access_denied" refuses.</summary>
    public string? ConsentError { get; set; }

    /// <summary>The refresh tokens issued and still valid.</summary>
    public IReadOnlyCollection<string> ValidRefreshTokens => refreshTokens.Keys.ToList();

    public static async Task<FakeGoogle> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeGoogle(app, new Uri($"http://127.0.0.1:{port}/"));
        app.MapGet("/o/oauth2/v2/auth", fake.Consent);
        app.MapPost("/token", fake.Token);
        app.MapPost("/revoke", fake.Revoke);
        app.MapPost("/calendar/v3/freeBusy", fake.FreeBusy);
        app.MapPost("/calendar/v3/calendars/{calendarId}/events", fake.Insert);
        app.MapPatch("/calendar/v3/calendars/{calendarId}/events/{eventId}", fake.Patch);
        app.MapGet("/calendar/v3/calendars/{calendarId}/events/{eventId}", fake.Get);
        app.MapDelete("/calendar/v3/calendars/{calendarId}/events/{eventId}", fake.Delete);
        await app.StartAsync();
        return fake;
    }

    public void AddBusy(DateTimeOffset start, DateTimeOffset end) => busy.Enqueue((start, end));

    /// <summary>The account holder removed the app's access in their Google account: every token stops working.</summary>
    public void RevokeAllGrants()
    {
        refreshTokens.Clear();
        accessTokens.Clear();
    }

    /// <summary>Every access token issued so far has expired (the next call gets 401).</summary>
    public void ExpireAccessTokens() => accessTokens.Clear();

    public IReadOnlyList<IReadOnlyDictionary<string, string>> TokenRequestsOf(string grantType) =>
        TokenRequests.Where(form => form.GetValueOrDefault("grant_type") == grantType).ToList();

    private IResult Consent(HttpRequest request)
    {
        var query = request.Query;
        if (query["client_id"] != ClientId || query["response_type"] != "code" || string.IsNullOrEmpty(query["redirect_uri"]))
        {
            return Results.BadRequest("Error 400: invalid_request");
        }

        if (query["code_challenge_method"] != "S256" || string.IsNullOrEmpty(query["code_challenge"]))
        {
            return Results.BadRequest("Error 400: invalid_request (code_challenge_method)");
        }

        var back = new Dictionary<string, string?> { ["state"] = query["state"] };
        if (ConsentError is { } error)
        {
            back["error"] = error;
        }
        else
        {
            var code = "4/" + Guid.NewGuid().ToString("N");
            codes[code] = new Grant(query["redirect_uri"]!, query["code_challenge"]!, query["scope"].ToString(), query["access_type"] == "offline");
            back["code"] = code;
            back["scope"] = query["scope"];
        }

        return Results.Redirect(QueryHelpers.AddQueryString(query["redirect_uri"]!, back));
    }

    private async Task<IResult> Token(HttpRequest request)
    {
        var form = (await request.ReadFormAsync()).ToDictionary(pair => pair.Key, pair => pair.Value.ToString());
        TokenRequests.Enqueue(form);
        if (form.GetValueOrDefault("client_id") != ClientId || form.GetValueOrDefault("client_secret") != ClientSecret)
        {
            return OAuthError(401, "invalid_client", "Unauthorized");
        }

        switch (form.GetValueOrDefault("grant_type"))
        {
            case "authorization_code":
                if (!codes.TryRemove(form.GetValueOrDefault("code") ?? "", out var grant) || grant.RedirectUri != form.GetValueOrDefault("redirect_uri"))
                {
                    return OAuthError(400, "invalid_grant", "Bad Request");
                }

                if (ChallengeOf(form.GetValueOrDefault("code_verifier") ?? "") != grant.CodeChallenge)
                {
                    return OAuthError(400, "invalid_grant", "Invalid code verifier.");
                }

                var refreshToken = "1//" + Guid.NewGuid().ToString("N");
                if (grant.Offline)
                {
                    refreshTokens[refreshToken] = grant;
                }

                return Results.Json(TokenAnswer(grant, grant.Offline ? refreshToken : null));
            case "refresh_token":
                return refreshTokens.TryGetValue(form.GetValueOrDefault("refresh_token") ?? "", out var refreshed)
                    ? Results.Json(TokenAnswer(refreshed, refreshToken: null))
                    : OAuthError(400, "invalid_grant", "Token has been expired or revoked.");
            default:
                return OAuthError(400, "unsupported_grant_type", "Invalid grant_type");
        }
    }

    private async Task<IResult> Revoke(HttpRequest request)
    {
        var token = (await request.ReadFormAsync())["token"].ToString();
        Revoked.Enqueue(token);
        if (refreshTokens.TryRemove(token, out var grant))
        {
            foreach (var access in accessTokens.Where(pair => pair.Value.Grant == grant).Select(pair => pair.Key).ToList())
            {
                accessTokens.TryRemove(access, out _);
            }

            return Results.Json(new { });
        }

        return accessTokens.TryRemove(token, out _) ? Results.Json(new { }) : OAuthError(400, "invalid_token", "Token expired or revoked");
    }

    private async Task<IResult> FreeBusy(HttpRequest request)
    {
        if (CalendarRefusal(request) is { } refusal)
        {
            return refusal;
        }

        var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
        var from = DateTimeOffset.Parse(body["timeMin"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var to = DateTimeOffset.Parse(body["timeMax"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var calendars = new JsonObject();
        foreach (var item in body["items"]!.AsArray())
        {
            var id = item!["id"]!.GetValue<string>();
            calendars[id] = id == "primary"
                ? new JsonObject { ["busy"] = new JsonArray(busy.Where(b => b.Start < to && b.End > from).Select(b => (JsonNode)new JsonObject { ["start"] = Rfc3339(b.Start), ["end"] = Rfc3339(b.End) }).ToArray()) }
                : new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["domain"] = "global", ["reason"] = "notFound" }) };
        }

        return Results.Json(new JsonObject { ["kind"] = "calendar#freeBusy", ["timeMin"] = Rfc3339(from), ["timeMax"] = Rfc3339(to), ["calendars"] = calendars });
    }

    private async Task<IResult> Insert(HttpRequest request, string calendarId)
    {
        if (CalendarRefusal(request) is { } refusal)
        {
            return refusal;
        }

        var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
        var id = body["id"]?.GetValue<string>() ?? Guid.NewGuid().ToString("N");
        if (Events.ContainsKey(id))
        {
            return CalendarError(409, "The requested identifier already exists.", "duplicate", "ALREADY_EXISTS");
        }

        body["id"] = id;
        body["kind"] = "calendar#event";
        body["status"] = "confirmed";
        body["sequence"] = 0;
        body["htmlLink"] = $"https://www.google.com/calendar/event?eid={id}";
        body["organizer"] = new JsonObject { ["email"] = AccountEmail, ["self"] = true };
        if (request.Query["conferenceDataVersion"] == "1" && body["conferenceData"]?["createRequest"] is JsonObject create
            && create["conferenceSolutionKey"]?["type"]?.GetValue<string>() == "hangoutsMeet" && create["requestId"] is not null)
        {
            var meet = $"https://meet.google.com/fak-{Interlocked.Increment(ref meetLinks):0000}-xyz";
            body["hangoutLink"] = meet;
            body["conferenceData"] = new JsonObject
            {
                ["createRequest"] = new JsonObject
                {
                    ["requestId"] = create["requestId"]!.GetValue<string>(),
                    ["conferenceSolutionKey"] = new JsonObject { ["type"] = "hangoutsMeet" },
                    ["status"] = new JsonObject { ["statusCode"] = "success" },
                },
                ["entryPoints"] = new JsonArray(new JsonObject { ["entryPointType"] = "video", ["uri"] = meet, ["label"] = meet[8..] }),
                ["conferenceSolution"] = new JsonObject { ["key"] = new JsonObject { ["type"] = "hangoutsMeet" }, ["name"] = "Google Meet" },
                ["conferenceId"] = meet[24..],
            };
        }
        else
        {
            body.Remove("conferenceData"); // without conferenceDataVersion=1 Google ignores it
        }

        Events[id] = body;
        return Results.Json(body);
    }

    private async Task<IResult> Patch(HttpRequest request, string calendarId, string eventId)
    {
        if (CalendarRefusal(request) is { } refusal)
        {
            return refusal;
        }

        if (!Events.TryGetValue(eventId, out var stored))
        {
            return CalendarError(404, "Not Found", "notFound", "NOT_FOUND");
        }

        var changes = (await JsonNode.ParseAsync(request.Body))!.AsObject();
        foreach (var (name, value) in changes.ToList())
        {
            stored[name] = value?.DeepClone();
        }

        stored["sequence"] = stored["sequence"]!.GetValue<int>() + 1;
        return Results.Json(stored);
    }

    private IResult Get(HttpRequest request, string calendarId, string eventId) =>
        CalendarRefusal(request) ?? (Events.TryGetValue(eventId, out var stored)
            ? Results.Json(stored)
            : CalendarError(404, "Not Found", "notFound", "NOT_FOUND"));

    private IResult Delete(HttpRequest request, string calendarId, string eventId)
    {
        if (CalendarRefusal(request) is { } refusal)
        {
            return refusal;
        }

        if (!Events.TryGetValue(eventId, out var stored))
        {
            return CalendarError(404, "Not Found", "notFound", "NOT_FOUND");
        }

        if (stored["status"]?.GetValue<string>() == "cancelled")
        {
            return CalendarError(410, "Resource has been deleted", "deleted", "NOT_FOUND");
        }

        stored["status"] = "cancelled";
        return Results.NoContent();
    }

    /// <summary>The answer when a Calendar call cannot go through: Google down, or no valid access token.</summary>
    private IResult? CalendarRefusal(HttpRequest request)
    {
        CalendarRequests.Enqueue($"{request.Method} {request.Path}{request.QueryString}");
        if (CalendarDown)
        {
            return CalendarError(503, "The service is currently unavailable.", "backendError", "UNAVAILABLE");
        }

        var header = request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : "";
        return accessTokens.TryGetValue(token, out var access) && access.ExpiresAt > DateTimeOffset.UtcNow
            ? null
            : CalendarError(401, "Request had invalid authentication credentials.", "authError", "UNAUTHENTICATED");
    }

    private JsonObject TokenAnswer(Grant grant, string? refreshToken)
    {
        var accessToken = "ya29." + Guid.NewGuid().ToString("N");
        accessTokens[accessToken] = (grant, DateTimeOffset.UtcNow.AddHours(1));
        var answer = new JsonObject
        {
            ["access_token"] = accessToken,
            ["expires_in"] = 3599,
            ["scope"] = grant.Scope,
            ["token_type"] = "Bearer",
        };
        if (refreshToken is not null)
        {
            answer["refresh_token"] = refreshToken;
            answer["id_token"] = IdToken();
        }

        return answer;
    }

    /// <summary>An ID token shaped as Google's (header.payload.signature, base64url); its signature is not a real one.</summary>
    private static string IdToken()
    {
        static string Part(JsonObject json) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(json.ToJsonString()));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return Part(new JsonObject { ["alg"] = "RS256", ["kid"] = "fake", ["typ"] = "JWT" }) + "." +
               Part(new JsonObject
               {
                   ["iss"] = "https://accounts.google.com", ["aud"] = ClientId, ["sub"] = "1234567890",
                   ["email"] = AccountEmail, ["email_verified"] = true, ["iat"] = now, ["exp"] = now + 3600,
               }) + "." + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
    }

    private static string ChallengeOf(string verifier) => WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static string Rfc3339(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static IResult OAuthError(int status, string error, string description) =>
        Results.Json(new { error, error_description = description }, statusCode: status);

    private static IResult CalendarError(int status, string message, string reason, string statusName) => Results.Json(
        new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = status,
                ["message"] = message,
                ["errors"] = new JsonArray(new JsonObject { ["domain"] = "global", ["reason"] = reason, ["message"] = message }),
                ["status"] = statusName,
            },
        },
        statusCode: status);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private sealed record Grant(string RedirectUri, string CodeChallenge, string Scope, bool Offline);
}
