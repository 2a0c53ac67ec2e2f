using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Storage;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Consultant.Tests;

/// <summary>Clustering, grain storage and reminders on our own PostgreSQL schema, with real silos.</summary>
public sealed class OrleansOnPostgresTests
{
    private FakeTwilio twilio = null!;

    [OneTimeSetUp]
    public async Task StartTwilioAsync() => twilio = await FakeTwilio.StartAsync();

    [OneTimeTearDown]
    public async Task StopTwilioAsync() => await twilio.DisposeAsync();

    [Test]
    public async Task Migrations_run_twice_without_harm_and_register_every_provider_query()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        DatabaseMigrator.Migrate(connectionString, NullLogger.Instance);
        DatabaseMigrator.Migrate(connectionString, NullLogger.Instance);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT querykey FROM orleansquery", connection);
        var keys = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }

        Assert.That(keys, Is.EquivalentTo(new[]
        {
            "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "InsertMembershipKey",
            "UpdateMembershipKey", "UpdateIAmAlivetimeKey", "DeleteMembershipTableEntriesKey",
            "CleanupDefunctSiloEntriesKey", "GatewaysQueryKey",
            "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
            "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
            "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
        }));
    }

    [Test]
    public async Task Migrations_started_by_two_silos_at_once_do_not_collide()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        await Task.WhenAll(
            Task.Run(() => DatabaseMigrator.Migrate(connectionString, NullLogger.Instance)),
            Task.Run(() => DatabaseMigrator.Migrate(connectionString, NullLogger.Instance)));

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM schemaversions", connection);
        Assert.That(Convert.ToInt32(await command.ExecuteScalarAsync()), Is.EqualTo(MigrationScriptCount()));
    }

    [Test]
    public async Task Grain_state_survives_a_silo_restart()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        Guid consultantId;
        string email, password;
        await using (var first = new SiloHost(connectionString, twilio.BaseUrl, clusterId: "restart"))
        {
            using var consultant = await first.RegisterConsultantAsync();
            (consultantId, email, password) = (consultant.Id, consultant.Email, consultant.Password);
            var saved = await consultant.Http.PostAsJsonAsync("/api/whatsapp/config", new
            {
                accountSid = "AC0123456789abcdef0123456789abcdef",
                authToken = "f1e2d3c4b5a69788796a5b4c3d2e1f00",
                whatsappNumber = "+14155238886",
                mode = "polling",
            });
            saved.EnsureSuccessStatusCode();
        }

        await using var second = new SiloHost(connectionString, twilio.BaseUrl, clusterId: "restart");
        using var anonymous = second.CreateClient();
        var login = await (await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password })).Content.ReadFromJsonAsync<JsonElement>();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/whatsapp/config");
        request.Headers.Authorization = new("Bearer", login.GetProperty("token").GetString());
        var config = await (await anonymous.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.That(config.GetProperty("whatsappNumber").GetString(), Is.EqualTo("+14155238886"));
        Assert.That(config.GetProperty("mode").GetString(), Is.EqualTo("polling"));
        Assert.That(config.GetProperty("hasAuthToken").GetBoolean(), Is.True);
        Assert.That(consultantId, Is.Not.EqualTo(Guid.Empty));
    }

    [Test]
    public async Task A_reminder_survives_a_silo_restart_with_its_etag_rules()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        var grainId = GrainId.Create("consultant", Guid.NewGuid().ToString("N"));
        var start = new DateTime(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
        string? firstEtag;
        await using (var first = new SiloHost(connectionString, twilio.BaseUrl, clusterId: "reminders"))
        {
            first.StartServer();
            var table = first.Services.GetRequiredService<IReminderTable>();
            firstEtag = await table.UpsertRow(new ReminderEntry { GrainId = grainId, ReminderName = "follow-up", StartAt = start, Period = TimeSpan.FromMinutes(5) });
            var period = TimeSpan.FromDays(40); // over int32 milliseconds
            var secondEtag = await table.UpsertRow(new ReminderEntry { GrainId = grainId, ReminderName = "follow-up", StartAt = start, Period = period });
            Assert.That(secondEtag, Is.Not.EqualTo(firstEtag));
            Assert.That(await table.RemoveRow(grainId, "follow-up", firstEtag!), Is.False, "a stale etag removes nothing");
        }

        await using var second = new SiloHost(connectionString, twilio.BaseUrl, clusterId: "reminders");
        second.StartServer();
        var reloaded = second.Services.GetRequiredService<IReminderTable>();
        var entry = await reloaded.ReadRow(grainId, "follow-up");
        Assert.That(entry, Is.Not.Null);
        Assert.That(entry!.Period, Is.EqualTo(TimeSpan.FromDays(40)));
        Assert.That(entry.StartAt, Is.EqualTo(start));

        var everything = await reloaded.ReadRows(0, uint.MaxValue);
        Assert.That(everything.Reminders.Select(r => r.GrainId), Does.Contain(grainId));
        var wholeRing = await reloaded.ReadRows(0, 0);
        Assert.That(wholeRing.Reminders.Select(r => r.GrainId), Does.Contain(grainId));

        Assert.That(await reloaded.RemoveRow(grainId, "follow-up", entry.ETag!), Is.True);
        Assert.That(await reloaded.ReadRow(grainId, "follow-up"), Is.Null);
    }

    [Test]
    public async Task Two_silos_join_one_cluster()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        await using var first = new SiloHost(connectionString, twilio.BaseUrl, clusterId: "pair");
        await using var second = new SiloHost(connectionString, twilio.BaseUrl, clusterId: "pair");
        first.StartServer();
        second.StartServer();

        var management = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var hosts = await Poll.UntilAsync(
            () => management.GetHosts(onlyActive: true),
            active => active.Count == 2,
            TimeSpan.FromSeconds(60),
            "both silos to be active");
        Assert.That(hosts.Keys.Select(silo => silo.Endpoint.Port), Is.EquivalentTo(new[] { first.SiloPort, second.SiloPort }));

        // A grain written through one silo is read through the other: one cluster, one storage.
        using var consultant = await first.RegisterConsultantAsync();
        await consultant.Http.PostAsJsonAsync("/api/whatsapp/config", new
        {
            accountSid = "AC0123456789abcdef0123456789abcdef",
            authToken = "f1e2d3c4b5a69788796a5b4c3d2e1f00",
            whatsappNumber = "+14155238887",
        });
        var view = await second.Services.GetRequiredService<IGrainFactory>()
            .GetGrain<Consultant.Grains.Abstractions.IConsultantGrain>(consultant.Id).GetWhatsAppConfigAsync();
        Assert.That(view.WhatsAppNumber, Is.EqualTo("+14155238887"));
    }

    private static int MigrationScriptCount() =>
        typeof(DatabaseMigrator).Assembly.GetManifestResourceNames().Count(name => name.EndsWith(".sql", StringComparison.Ordinal));
}
