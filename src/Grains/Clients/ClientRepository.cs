using Consultant.Grains.Common;
using Consultant.Grains.Storage;
using Dapper;
using Npgsql;

namespace Consultant.Grains.Clients;

/// <summary>The clients table. Every statement filters by consultant_id.</summary>
public sealed class ClientRepository(NpgsqlDataSource dataSource, SharedRoundTrips shared)
{
    private const string Columns =
        "id, name, phone, email, language, goals, created_at AS CreatedAt, updated_at AS UpdatedAt";

    public async Task<ClientPage> ListAsync(Guid consultantId, string? search, int page, int pageSize)
    {
        var pattern = string.IsNullOrWhiteSpace(search) ? null : "%" + EscapeLike(search.Trim()) + "%";
        // A number however it is typed ("+39 333 123 4567" as the list shows it, "0039…", "333-123…"): by its digits.
        var phoneDigits = PhoneSearch.StoredDigits(search).Select(digits => "%" + digits + "%").ToArray();
        await using var connection = await dataSource.OpenConnectionAsync();
        const string filter = """
            WHERE consultant_id = @consultantId
              AND (CAST(@pattern AS text) IS NULL OR name ILIKE @pattern OR phone LIKE @pattern OR email ILIKE @pattern
                   OR phone LIKE ANY(@phoneDigits))
            """;
        var total = await connection.ExecuteScalarAsync<int>(
            $"SELECT count(*) FROM clients {filter}", new { consultantId, pattern, phoneDigits });
        var items = await connection.QueryAsync<Client>(
            $"SELECT {Columns} FROM clients {filter} ORDER BY lower(name), id LIMIT @pageSize OFFSET @offset",
            new { consultantId, pattern, phoneDigits, pageSize, offset = (page - 1) * pageSize });
        return new ClientPage(items.ToList(), total, page, pageSize);
    }

    public async Task<Client?> GetAsync(Guid consultantId, Guid clientId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<Client>(
            $"SELECT {Columns} FROM clients WHERE consultant_id = @consultantId AND id = @clientId",
            new { consultantId, clientId });
    }

    /// <summary>
    /// The client a contact is, by any of the contact's addresses: <paramref name="address"/> and those remembered
    /// with it (<see cref="Conversations.ContactDirectory"/>), each either a client's phone or an address linked to
    /// a client. A phone match comes first.
    /// </summary>
    public async Task<Client?> FindByContactAsync(Guid consultantId, string address)
    {
        return await shared.QuerySingleOrDefaultAsync<Client>(
            $"""
            WITH contact AS (
                SELECT CAST(@address AS text) AS address
                UNION SELECT address FROM contact_aliases WHERE consultant_id = @consultantId AND conversation_address = @address)
            SELECT {Columns} FROM clients
             WHERE consultant_id = @consultantId
               AND (phone IN (SELECT address FROM contact)
                    OR id IN (SELECT client_id FROM client_addresses
                               WHERE consultant_id = @consultantId AND address IN (SELECT address FROM contact)))
             ORDER BY phone IN (SELECT address FROM contact) DESC, created_at
             LIMIT 1
            """,
            new { consultantId, address });
    }

    /// <summary>Makes <paramref name="addresses"/> addresses of the client (moving them from another client if linked before).</summary>
    public async Task LinkAddressesAsync(Guid consultantId, Guid clientId, IReadOnlyList<string> addresses, DateTimeOffset now)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO client_addresses (consultant_id, address, client_id, created_at)
            SELECT @consultantId, address, @clientId, @now FROM unnest(@addresses) AS address
            ON CONFLICT (consultant_id, address) DO UPDATE SET client_id = EXCLUDED.client_id, created_at = EXCLUDED.created_at
            """,
            new { consultantId, clientId, addresses = addresses.ToArray(), now });
    }

    /// <summary>False when the consultant already has a client with this phone.</summary>
    public async Task<bool> TryInsertAsync(Guid consultantId, Client client)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var inserted = await connection.ExecuteAsync(
            """
            INSERT INTO clients (id, consultant_id, name, phone, email, language, goals, created_at, updated_at)
            VALUES (@Id, @consultantId, @Name, @Phone, @Email, @Language, @Goals, @CreatedAt, @UpdatedAt)
            ON CONFLICT (consultant_id, phone) DO NOTHING
            """,
            new { client.Id, consultantId, client.Name, client.Phone, client.Email, client.Language, client.Goals, client.CreatedAt, client.UpdatedAt });
        return inserted == 1;
    }

    public enum UpdateOutcome { Updated, NotFound, PhoneTaken }

    public async Task<UpdateOutcome> UpdateAsync(Guid consultantId, Client client)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        try
        {
            var updated = await connection.ExecuteAsync(
                """
                UPDATE clients SET name = @Name, phone = @Phone, email = @Email, language = @Language, goals = @Goals,
                       updated_at = @UpdatedAt
                 WHERE consultant_id = @consultantId AND id = @Id
                """,
                new { client.Id, consultantId, client.Name, client.Phone, client.Email, client.Language, client.Goals, client.UpdatedAt });
            return updated == 1 ? UpdateOutcome.Updated : UpdateOutcome.NotFound;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return UpdateOutcome.PhoneTaken;
        }
    }

    public async Task<bool> DeleteAsync(Guid consultantId, Guid clientId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync(
            "DELETE FROM clients WHERE consultant_id = @consultantId AND id = @clientId", new { consultantId, clientId }) == 1;
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
