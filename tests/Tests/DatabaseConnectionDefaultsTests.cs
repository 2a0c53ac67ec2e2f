using Consultant.Grains.Storage;
using Npgsql;

namespace Consultant.Tests;

/// <summary>What the product adds to a connection string that leaves it unsaid, and what it leaves as given.</summary>
public sealed class DatabaseConnectionDefaultsTests
{
    [Test]
    public void A_connection_string_that_says_nothing_gets_prepared_statements_no_reset_and_a_pool_of_sixteen()
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseConnection.WithDefaults("Host=db;Username=app;Password=secret"));

        Assert.That(builder.MaxAutoPrepare, Is.EqualTo(64));
        Assert.That(builder.NoResetOnClose, Is.True);
        Assert.That(builder.MaxPoolSize, Is.EqualTo(DatabaseConnection.DefaultMaxPoolSize).And.EqualTo(16));
    }

    [TestCase("Maximum Pool Size=80")]
    [TestCase("MaxPoolSize=80")]
    public void A_pool_size_the_connection_string_gives_is_kept(string given)
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseConnection.WithDefaults($"Host=db;Username=app;{given}"));

        Assert.That(builder.MaxPoolSize, Is.EqualTo(80));
    }

    [Test]
    public void Prepared_statements_and_reset_the_connection_string_gives_are_kept()
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseConnection.WithDefaults("Host=db;Max Auto Prepare=0;No Reset On Close=false"));

        Assert.That(builder.MaxAutoPrepare, Is.Zero);
        Assert.That(builder.NoResetOnClose, Is.False);
    }
}
