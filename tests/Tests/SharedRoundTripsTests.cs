using Consultant.Grains.Storage;
using Consultant.TestSupport;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Consultant.Tests;

/// <summary>
/// Calls waiting at the same moment travel as one batch, one transaction (seen in the rows' <c>xmin</c>), each caller
/// with its own results; a failing statement fails its own caller only. To make "waiting at the same moment" certain,
/// the one group allowed on its way is held by an advisory lock another connection holds, while the calls queue.
/// </summary>
public sealed class SharedRoundTripsTests
{
    private const string Insert = "INSERT INTO shared_rows (n, label) VALUES (@n, @label) RETURNING n * 10";
    private const string Touch = "UPDATE shared_rows SET label = @label WHERE n = @n";
    private const string HoldsTheLock = "SELECT 1 FROM pg_advisory_xact_lock(4242)";

    private string connectionString = null!;
    private NpgsqlDataSource dataSource = null!;

    [OneTimeSetUp]
    public async Task CreateTableAsync()
    {
        DapperTypeHandlers.Register(); // as the product registers them (AddConsultantDomain)
        connectionString = await TestPostgres.CreateDatabaseAsync();
        dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("CREATE TABLE shared_rows (n int PRIMARY KEY, label text, at timestamptz)");
    }

    [OneTimeTearDown]
    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    [Test]
    public async Task Calls_that_wait_together_go_in_one_transaction_and_each_caller_gets_its_own_results()
    {
        var shared = Shared(enabled: true);
        await WarmAsync(shared, 1000);

        var (held, queued) = await WhileTheGroupOnItsWayIsHeldAsync(shared, () =>
        [
            .. Enumerable.Range(1, 12).Select(n => (Task)shared.QuerySingleAsync<int>(Insert, new { n, label = $"row {n}" })),
            shared.RunAsync(new { n = 13, label = "pair" }, SharedStatement.Execute(Touch), SharedStatement.Query<int>(Insert)),
        ]);

        Assert.That(await held, Is.EqualTo(1));
        for (var n = 1; n <= 12; n++)
        {
            Assert.That(await (Task<int>)queued[n - 1], Is.EqualTo(n * 10), $"caller {n} got its own row back");
        }

        var pair = await (Task<SharedResults>)queued[12];
        Assert.That(pair.Changed(0), Is.Zero, "nothing to touch before its insert");
        Assert.That(pair.Single<int>(1), Is.EqualTo(130));
        Assert.That(await TransactionsOfAsync(1, 13), Is.EqualTo(1), "all thirteen calls were committed by one transaction");
    }

    [Test]
    public async Task A_failing_statement_fails_its_own_caller_and_the_others_are_stored()
    {
        var shared = Shared(enabled: true);
        await WarmAsync(shared, 2000);
        await shared.QuerySingleAsync<int>(Insert, new { n = 105, label = "already there" });

        var (held, queued) = await WhileTheGroupOnItsWayIsHeldAsync(shared, () =>
        [
            shared.QuerySingleAsync<int>(Insert, new { n = 101, label = "a" }),
            shared.QuerySingleAsync<int>(Insert, new { n = 105, label = "duplicate" }),
            shared.QuerySingleAsync<int>(Insert, new { n = 109, label = "b" }),
        ]);

        await held;
        Assert.That(await (Task<int>)queued[0], Is.EqualTo(1010));
        var duplicate = await Assert.ThrowsAsync<PostgresException>(async () => await (Task<int>)queued[1]);
        Assert.That(duplicate!.SqlState, Is.EqualTo(PostgresErrorCodes.UniqueViolation));
        Assert.That(await (Task<int>)queued[2], Is.EqualTo(1090));
        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.That(await connection.QuerySingleAsync<string>("SELECT label FROM shared_rows WHERE n = 105"), Is.EqualTo("already there"));
        Assert.That(await connection.QuerySingleAsync<int>("SELECT count(*) FROM shared_rows WHERE n IN (101, 109)"), Is.EqualTo(2));
    }

    [Test]
    public async Task Switched_off_each_call_is_its_own_transaction()
    {
        var shared = Shared(enabled: false);
        await Task.WhenAll(Enumerable.Range(301, 8).Select(n => shared.QuerySingleAsync<int>(Insert, new { n, label = "alone" })));

        Assert.That(await TransactionsOfAsync(301, 308), Is.EqualTo(8));
    }

    [Test]
    public async Task A_statement_run_with_the_wrong_method_is_refused_before_it_can_share_a_round_trip()
    {
        var shared = Shared(enabled: true);

        await Assert.ThrowsAsync<InvalidOperationException>(() => shared.ExecuteAsync("SELECT n FROM shared_rows"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => shared.QueryAsync<int>("UPDATE shared_rows SET label = label WHERE n = -1"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => shared.RunAsync(null,
            SharedStatement.Query<int>("SELECT 1"), SharedStatement.Execute("SELECT 2")));
    }

    [Test]
    public async Task Parameters_are_written_as_the_products_dapper_calls_write_them()
    {
        var shared = Shared(enabled: true);
        var at = new DateTimeOffset(2030, 1, 2, 12, 0, 0, TimeSpan.FromHours(2));

        await shared.ExecuteAsync(
            "INSERT INTO shared_rows (n, label, at) VALUES (@n, @label, @at)", new { n = 401, label = "nul\0gone", at, unused = 5 });
        string? none = null;
        var read = await shared.QuerySingleAsync<(string Label, DateTimeOffset At, bool NoneIsNull)>(
            "SELECT label, at, @none IS NULL FROM shared_rows WHERE n = @n", new { n = 401, none });

        Assert.That(read.Label, Is.EqualTo("nulgone"), "NUL is dropped, as DatabaseText does for every string");
        Assert.That(read.At, Is.EqualTo(at), "the same instant");
        Assert.That(read.NoneIsNull, Is.True, "a null string is a typed NULL");
        Assert.That(await shared.QuerySingleAsync<string>("SELECT label FROM shared_rows WHERE n = @n", new { n = 401 }), Is.EqualTo("nulgone"),
            "a single column read as Dapper reads it (strings through the product's handler)");
        Assert.That(await shared.QuerySingleOrDefaultAsync<Guid?>("SELECT NULL::uuid"), Is.Null);
        await Assert.ThrowsAsync<ArgumentException>(() => shared.ExecuteAsync(
            "UPDATE shared_rows SET label = @kind WHERE n = 401", new { kind = DayOfWeek.Monday }));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task A_call_an_acknowledgement_waits_for_goes_before_calls_queued_earlier_unless_switched_off(bool acknowledgementsFirst)
    {
        // One statement a group: the order the queued calls are sent in is the order of their transactions.
        var shared = Shared(enabled: true, mostStatements: 1, acknowledgementsFirst: acknowledgementsFirst);
        var n = acknowledgementsFirst ? 3000 : 3100;
        await WarmAsync(shared, n);

        var (held, queued) = await WhileTheGroupOnItsWayIsHeldAsync(shared, () =>
        [
            shared.QuerySingleAsync<int>(Insert, new { n = n + 10, label = "an answer's" }),
            AcknowledgingAsync(() => shared.QuerySingleAsync<int>(Insert, new { n = n + 11, label = "an acknowledgement's" })),
        ]);

        await held;
        await Task.WhenAll(queued);
        await using var connection = await dataSource.OpenConnectionAsync();
        var sent = (await connection.QueryAsync<string>(
            "SELECT label FROM shared_rows WHERE n IN (@a, @b) ORDER BY xmin::text::bigint", new { a = n + 10, b = n + 11 })).ToList();
        Assert.That(sent, Is.EqualTo(acknowledgementsFirst
            ? new[] { "an acknowledgement's", "an answer's" }
            : new[] { "an answer's", "an acknowledgement's" }));
    }

    /// <summary>A call made on the acknowledgement path, as the webhook and the conversation's receive make theirs.</summary>
    private static async Task<int> AcknowledgingAsync(Func<Task<int>> call)
    {
        AcknowledgementPath.Enter();
        return await call();
    }

    private SharedRoundTrips Shared(bool enabled, int mostStatements = 64, bool acknowledgementsFirst = true) => new(
        dataSource,
        Options.Create(new SharedRoundTripOptions
        {
            Enabled = enabled, AtOnce = 1, MostStatements = mostStatements, AcknowledgementsFirst = acknowledgementsFirst,
        }),
        NullLogger<SharedRoundTrips>.Instance);

    /// <summary>Each text goes alone the first time (SharedRoundTrips checks it): run every one once, on rows of its own.</summary>
    private static async Task WarmAsync(SharedRoundTrips shared, int n)
    {
        await shared.QuerySingleAsync<int>(HoldsTheLock);
        await shared.QuerySingleAsync<int>(Insert, new { n, label = "warm" });
        await shared.RunAsync(new { n = n + 1, label = "warm" }, SharedStatement.Execute(Touch), SharedStatement.Query<int>(Insert));
    }

    /// <summary>
    /// Another connection holds the advisory lock; a call that waits for it is the one group on its way; the calls made
    /// then queue behind it; the lock released, they go as the next group.
    /// </summary>
    private async Task<(Task<int> Held, IReadOnlyList<Task> Queued)> WhileTheGroupOnItsWayIsHeldAsync(
        SharedRoundTrips shared, Func<IReadOnlyList<Task>> queue)
    {
        await using var holder = await dataSource.OpenConnectionAsync();
        await holder.ExecuteAsync("SELECT pg_advisory_lock(4242)");
        var held = shared.QuerySingleAsync<int>(HoldsTheLock);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await holder.QuerySingleAsync<int>(
                   "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") == 0)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the held call never reached the lock");
            await Task.Delay(20);
        }

        var queued = queue();
        Assert.That(queued.All(t => !t.IsCompleted), Is.True, "nothing went while the group was held");
        await holder.ExecuteAsync("SELECT pg_advisory_unlock(4242)");
        return (held, queued);
    }

    private async Task<int> TransactionsOfAsync(int from, int to)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleAsync<int>(
            "SELECT count(DISTINCT xmin::text) FROM shared_rows WHERE n BETWEEN @from AND @to", new { from, to });
    }
}
