using Dapper;
using Npgsql;

namespace Consultant.Grains.FollowUps;

/// <summary>
/// SEAM for broadcast19's shared "stopped marketing messages" flag (131050). Until that flag is merged, a contact
/// counts as having stopped marketing when one of our messages to them failed with 131050 (the code is kept with the
/// message); <see cref="MarkStoppedAsync"/> is where the shared flag is set once it exists.
/// </summary>
public sealed class StoppedMarketingSeam(NpgsqlDataSource dataSource)
{
    public const int StoppedMarketingCode = 131050;

    public async Task<bool> HasStoppedAsync(Guid consultantId, string phone)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<bool>(
            """
            SELECT EXISTS (SELECT 1 FROM messages WHERE consultant_id = @consultantId AND contact_phone = @phone
                              AND direction = 'outbound' AND twilio_error_code = @code)
            """,
            new { consultantId, phone, code = StoppedMarketingCode });
    }

    /// <summary>The contact stopped marketing messages: recorded by the failed message itself for now.</summary>
    public Task MarkStoppedAsync(Guid consultantId, string phone, DateTimeOffset at) => Task.CompletedTask;
}
