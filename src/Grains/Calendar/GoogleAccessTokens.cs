using System.Collections.Concurrent;

namespace Consultant.Grains.Calendar;

/// <summary>
/// Access tokens from the stored refresh token, kept in this process until shortly before they expire. A call refused
/// with 401 gets a fresh token and is made once more. A refresh token Google no longer accepts (<c>invalid_grant</c>)
/// disconnects the consultant with the reason, so nothing retries it endlessly.
/// </summary>
public sealed class GoogleAccessTokens(GoogleConnectionStore connections, GoogleOAuthClient oauth, TimeProvider time)
{
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<Guid, CachedToken> cache = new();

    public async Task<T> CallAsync<T>(GoogleConnectionRow connection, Func<string, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(await TokenAsync(connection, fresh: false, cancellationToken));
        }
        catch (GoogleRequestException ex) when (ex.Failure == GoogleFailure.Unauthorized)
        {
            return await call(await TokenAsync(connection, fresh: true, cancellationToken));
        }
    }

    /// <summary>The access token the code exchange gave, so the first calls need no refresh.</summary>
    public void Remember(Guid consultantId, GoogleTokens tokens, DateTimeOffset connectedAt) =>
        cache[consultantId] = new CachedToken(tokens.AccessToken, tokens.ExpiresAt, connectedAt);

    public void Forget(Guid consultantId) => cache.TryRemove(consultantId, out _);

    private async Task<string> TokenAsync(GoogleConnectionRow connection, bool fresh, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!fresh && cache.TryGetValue(connection.ConsultantId, out var cached)
            && cached.ConnectedAt == connection.ConnectedAt && cached.ExpiresAt - ExpiryMargin > now)
        {
            return cached.AccessToken;
        }

        var refreshToken = connections.RefreshTokenOf(connection)
            ?? throw new GoogleRequestException(GoogleFailure.Revoked, null, "Google Calendar is not connected.");
        GoogleTokens tokens;
        try
        {
            tokens = await oauth.RefreshAsync(refreshToken, cancellationToken);
        }
        catch (GoogleRequestException ex) when (ex.Failure == GoogleFailure.Revoked)
        {
            Forget(connection.ConsultantId);
            await connections.MarkDisconnectedAsync(connection.ConsultantId, GoogleCalendarProblem.Revoked, now);
            throw new GoogleRequestException(GoogleFailure.Revoked, ex.Status, ex.Message, ex);
        }

        if (tokens.RefreshToken is { Length: > 0 } replaced && replaced != refreshToken)
        {
            await connections.ReplaceRefreshTokenAsync(connection.ConsultantId, replaced);
        }

        cache[connection.ConsultantId] = new CachedToken(tokens.AccessToken, tokens.ExpiresAt, connection.ConnectedAt);
        return tokens.AccessToken;
    }

    private sealed record CachedToken(string AccessToken, DateTimeOffset ExpiresAt, DateTimeOffset? ConnectedAt);
}
