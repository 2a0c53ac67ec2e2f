using System.Security.Cryptography;
using System.Text.Json;
using Consultant.Grains.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Consultant.Grains.Inbox;

/// <summary>
/// Runs a consultant's send at most once per <see cref="IdempotencyKey"/>, across every silo: the key is claimed in
/// PostgreSQL before the send (insert first), so a second request with it, even one arriving while the first is still
/// sending, sends nothing. A replay gets the first response; a key reused for a different request, or one whose first
/// request is still running, gets a problem instead (invalid, or a conflict while the first is still running). Keys are kept <see cref="WhatsAppOptions.IdempotencyKeyMinutes"/>.
/// </summary>
public sealed class IdempotentSends(NpgsqlDataSource dataSource, IOptions<WhatsAppOptions> options, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="request">What is asked (operation, conversation, content): the same key must come with the same request.</param>
    public async Task<Result<T>> RunAsync<T>(
        Guid consultantId, string? key, object request, Func<Task<Result<T>>> send) where T : class
    {
        if (key is null)
        {
            return await send();
        }

        if (IdempotencyKey.Problem(key) is { } problem)
        {
            return Problem.Invalid(IdempotencyKey.HeaderName, problem);
        }

        var hash = Fingerprint(request);
        // A key released by a failed first request between our claim and our look-up is claimed again.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await TryClaimAsync(consultantId, key, hash))
            {
                return await SendOnceAsync(consultantId, key, send);
            }

            if (await FindAsync(consultantId, key) is not { } earlier)
            {
                continue;
            }

            if (earlier.RequestHash != hash)
            {
                return Problem.Invalid(IdempotencyKey.HeaderName, "This key was already used for a different request: use a new key for each message.");
            }

            return earlier.Response is null
                ? StillRunning()
                : (Result<T>)JsonSerializer.Deserialize<T>(earlier.Response, Json)! with { Replayed = true };
        }

        return StillRunning();
    }

    /// <summary>Removes the keys past their time (the recovery sweep calls it); returns how many.</summary>
    public async Task<int> ForgetExpiredAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync("DELETE FROM idempotency_keys WHERE expires_at <= @now", new { now = time.GetUtcNow() });
    }

    /// <summary>A digest of the request, so a reused key can be told apart from a replay.</summary>
    public static string Fingerprint(object request) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, request.GetType(), Json)));

    private async Task<Result<T>> SendOnceAsync<T>(
        Guid consultantId, string key, Func<Task<Result<T>>> send) where T : class
    {
        Result<T> result;
        try
        {
            result = await send();
        }
        catch
        {
            await ReleaseQuietlyAsync(consultantId, key); // nothing to replay: a retry may try again
            throw;
        }

        if (result.Value is { } value)
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await connection.ExecuteAsync(
                "UPDATE idempotency_keys SET response = @response::jsonb WHERE consultant_id = @consultantId AND idempotency_key = @key",
                new { consultantId, key, response = JsonSerializer.Serialize(value, Json) });
        }
        else
        {
            await ReleaseAsync(consultantId, key); // refused or not found: the request may be corrected and sent with the same key
        }

        return result;
    }

    /// <summary>Takes the key, or takes it over when it has expired; false when another request holds it.</summary>
    private async Task<bool> TryClaimAsync(Guid consultantId, string key, string hash)
    {
        var now = time.GetUtcNow();
        var expiresAt = now + TimeSpan.FromMinutes(options.Value.IdempotencyKeyMinutes);
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<bool?>(
            """
            INSERT INTO idempotency_keys (consultant_id, idempotency_key, request_hash, response, created_at, expires_at)
            VALUES (@consultantId, @key, @hash, NULL, @now, @expiresAt)
            ON CONFLICT (consultant_id, idempotency_key) DO UPDATE
                SET request_hash = EXCLUDED.request_hash, response = NULL, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
                WHERE idempotency_keys.expires_at <= EXCLUDED.created_at
            RETURNING true
            """,
            new { consultantId, key, hash, now, expiresAt }) == true;
    }

    private async Task<StoredKey?> FindAsync(Guid consultantId, string key)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<StoredKey>(
            """
            SELECT request_hash AS RequestHash, response::text AS Response FROM idempotency_keys
            WHERE consultant_id = @consultantId AND idempotency_key = @key AND expires_at > @now
            """,
            new { consultantId, key, now = time.GetUtcNow() });
    }

    private async Task ReleaseAsync(Guid consultantId, string key)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "DELETE FROM idempotency_keys WHERE consultant_id = @consultantId AND idempotency_key = @key AND response IS NULL",
            new { consultantId, key });
    }

    /// <summary>After a failed send: when even this fails, the key simply stays taken until it expires.</summary>
    private async Task ReleaseQuietlyAsync(Guid consultantId, string key)
    {
        try
        {
            await ReleaseAsync(consultantId, key);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
        }
    }

    private static Problem StillRunning() => Problem.Conflict("Request in progress", IdempotencyKey.HeaderName,
        "A request with this key is still being sent: wait for its answer instead of sending again.");

    private sealed record StoredKey(string RequestHash, string? Response);
}
