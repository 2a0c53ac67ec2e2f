using Consultant.TestSupport;

namespace Consultant.Tests;

/// <summary>Stopping the silo process as a process manager does (SIGTERM), in its own process.</summary>
public sealed class SiloStopTests
{
    [Test]
    public async Task A_silo_asked_to_stop_goes_within_its_shutdown_limit_even_when_postgresql_is_gone()
    {
        await using var postgres = await OwnPostgres.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        await using var silo = SiloProcess.Start("stop-without-db", new Dictionary<string, string>
        {
            ["ConnectionStrings:Postgres"] = database,
            ["Orleans:ClusterId"] = "stop-test",
            ["Shutdown:TimeoutSeconds"] = "5",
            ["Storage:Root"] = Path.Combine(Path.GetTempPath(), "consultant-tests", Guid.NewGuid().ToString("N")),
        });
        await silo.WaitUntilAnswersAsync(TimeSpan.FromSeconds(120));

        await postgres.StopAsync();
        silo.RequestStop();

        // Without the bound, Orleans retries its membership update for about two minutes before the process ends.
        Assert.That(await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)), Is.True,
            "the silo was still running 60 s after SIGTERM:\n" + silo.LogTail(30));
        Assert.That(silo.LogTail(400), Does.Contain("did not stop within 5 s"), "the log says why it ended itself");
    }
}
