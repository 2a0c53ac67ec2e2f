using Consultant.Grains.Abstractions;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Consultant.Grains.Ai;

/// <summary>
/// The shared key pool answers the leads of consultants whose WhatsApp is connected (the Twilio connection test
/// passed). Anyone else (a fresh account trying the simulator, or settings Twilio never accepted) gets
/// <c>Ai:PoolQuotaPerConsultantPerDay</c> pool calls per UTC day, so the pool cannot be used as a free AI service.
/// Each call is counted in PostgreSQL before it is made, atomically, so parallel conversations cannot overshoot.
/// </summary>
public sealed class PoolQuota(NpgsqlDataSource dataSource, IGrainFactory grains, IOptions<AiOptions> options, TimeProvider time)
{
    public static string Exhausted(int quota) =>
        $"The shared AI keys answer at most {quota} messages a day until your WhatsApp is connected. To go on: connect WhatsApp " +
        "in WhatsApp settings (the Twilio connection test must pass), or add your own AI API key there; or reply by hand.";

    /// <summary>True: this consultant may make one more call with a pool key (and it has been counted).</summary>
    public async Task<bool> TryTakeAsync(Guid consultantId)
    {
        if (await IsWhatsAppConnectedAsync(consultantId))
        {
            return true;
        }

        var quota = options.Value.PoolQuotaPerConsultantPerDay;
        if (quota == 0)
        {
            return false;
        }

        await using var connection = await dataSource.OpenConnectionAsync();
        var calls = await connection.ExecuteScalarAsync<int?>(
            """
            INSERT INTO ai_pool_usage (consultant_id, day, calls) VALUES (@consultantId, @day, 1)
            ON CONFLICT (consultant_id, day) DO UPDATE SET calls = ai_pool_usage.calls + 1 WHERE ai_pool_usage.calls < @quota
            RETURNING calls
            """,
            new { consultantId, day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), quota });
        return calls is not null;
    }

    private async Task<bool> IsWhatsAppConnectedAsync(Guid consultantId)
    {
        var config = await grains.GetGrain<IConsultantGrain>(consultantId).GetWhatsAppConfigAsync();
        return config.Status == ConfigStatus.Configured && config.LastConnectionTest is { Success: true };
    }
}
