using Microsoft.Extensions.Configuration;

namespace Consultant.Grains.Storage;

public static class DatabaseConnection
{
    public const string Name = "Postgres";

    public static string FromConfiguration(IConfiguration configuration) =>
        configuration.GetConnectionString(Name) is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException(
                "ConnectionStrings:Postgres is not set. Set the environment variable ConnectionStrings__Postgres, " +
                "or start the product with ./run.sh, which runs a local PostgreSQL for you.");
}
