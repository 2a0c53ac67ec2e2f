using Consultant.Grains.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Calendar;

/// <summary>
/// Connecting a consultant's Google Calendar: the consent link (authorization code with PKCE S256 and a one-use,
/// expiring state bound to the consultant), the return from Google (state checked, code exchanged, the refresh token
/// stored encrypted), the status shown, and disconnecting (revoked at Google, deleted here). The dashboard and the API
/// both call it.
/// </summary>
public sealed partial class GoogleCalendarConnections(
    GoogleConnectionStore store,
    GoogleEventStore events,
    GoogleOAuthClient oauth,
    GoogleAccessTokens tokens,
    IOptions<GoogleOptions> options,
    IOptions<WhatsAppOptions> publicAddress,
    TimeProvider time,
    ILogger<GoogleCalendarConnections> logger)
{
    /// <summary>Where Google sends the browser back; register it in the OAuth client.</summary>
    public const string CallbackPath = "/api/calendar/google/callback";

    public static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(10);

    public bool IsConfigured => options.Value.IsConfigured;

    /// <summary>The callback on <c>WhatsApp:PublicBaseUrl</c> when set, else on the address the request came to.</summary>
    public string RedirectUri(Uri requestBaseUrl) =>
        GoogleOptions.Under(publicAddress.Value.PublicBaseUrl ?? requestBaseUrl, CallbackPath).ToString();

    public async Task<GoogleCalendarStatus> GetStatusAsync(Guid consultantId)
    {
        var connection = await store.FindAsync(consultantId);
        var waiting = await events.WaitingAsync(consultantId);
        var connected = connection?.IsConnected == true;
        // A disconnection's reason first; else, while connected, why copies are behind.
        var (problem, at) = connection?.Problem is { } own ? (own, connection.ProblemAt)
            : connected && waiting.Problem is { } copy ? (copy, waiting.At)
            : ((string?)null, (DateTimeOffset?)null);
        return new GoogleCalendarStatus(
            IsConfigured, connected, connection?.AccountEmail, connected ? connection!.ConnectedAt : null,
            problem, problem is null ? null : GoogleCalendarProblem.Text(problem), at, connected ? waiting.Count : 0);
    }

    /// <summary>A consent link for this consultant; 409 naming <c>google</c> when the operator has not set Google up.</summary>
    public async Task<Result<GoogleConsentLink>> StartAsync(Guid consultantId, Uri requestBaseUrl)
    {
        if (!IsConfigured)
        {
            return Problem.Conflict("Google Calendar is not set up on this server", "google",
                "The operator must set Google:ClientId and Google:ClientSecret first.");
        }

        var state = PkceChallenge.RandomValue();
        var verifier = PkceChallenge.NewVerifier();
        var redirectUri = RedirectUri(requestBaseUrl);
        var now = time.GetUtcNow();
        var expiresAt = now + StateLifetime;
        await store.SaveStateAsync(consultantId, state, verifier, redirectUri, expiresAt, now);
        return new GoogleConsentLink(oauth.ConsentUrl(redirectUri, state, PkceChallenge.ChallengeOf(verifier)), redirectUri, expiresAt);
    }

    /// <summary>
    /// The browser is back from Google. The state must be this consultant's, unused and not expired (else nothing
    /// changes); then the code is exchanged with the PKCE verifier and the refresh token stored encrypted.
    /// </summary>
    public async Task<GoogleConnectOutcome> CompleteAsync(Guid consultantId, string? state, string? code, string? error, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(state) || await store.TakeStateAsync(consultantId, state, time.GetUtcNow()) is not { } started)
        {
            return GoogleConnectOutcome.Refused;
        }

        if (!string.IsNullOrEmpty(error) || string.IsNullOrEmpty(code))
        {
            return GoogleConnectOutcome.Denied;
        }

        GoogleTokens granted;
        try
        {
            granted = await oauth.ExchangeCodeAsync(code, started.CodeVerifier, started.RedirectUri, cancellationToken);
        }
        catch (GoogleRequestException ex)
        {
            ExchangeFailed(logger, consultantId, ex.Message);
            return GoogleConnectOutcome.Failed;
        }

        if (granted.RefreshToken is not { Length: > 0 } refreshToken)
        {
            ExchangeFailed(logger, consultantId, "Google gave no refresh token.");
            return GoogleConnectOutcome.Failed;
        }

        var connectedAt = time.GetUtcNow();
        await store.SaveConnectedAsync(consultantId, refreshToken, granted.AccountEmail, connectedAt);
        tokens.Remember(consultantId, granted, connectedAt);
        Connected(logger, consultantId);
        return GoogleConnectOutcome.Connected;
    }

    /// <summary>Revokes the permission at Google (best effort) and deletes it here.</summary>
    public async Task<GoogleDisconnectResult> DisconnectAsync(Guid consultantId, CancellationToken cancellationToken)
    {
        var connection = await store.FindAsync(consultantId);
        var revoked = true;
        if (connection is not null && store.RefreshTokenOf(connection) is { } refreshToken)
        {
            revoked = await oauth.RevokeAsync(refreshToken, cancellationToken);
        }

        tokens.Forget(consultantId);
        await store.DeleteAsync(consultantId);
        return new GoogleDisconnectResult(revoked);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Google Calendar was not connected for consultant {ConsultantId}: {Reason}")]
    private static partial void ExchangeFailed(ILogger logger, Guid consultantId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Google Calendar connected for consultant {ConsultantId}")]
    private static partial void Connected(ILogger logger, Guid consultantId);
}
