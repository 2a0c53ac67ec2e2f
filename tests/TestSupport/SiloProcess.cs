using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Consultant.TestSupport;

/// <summary>
/// The built silo executable (src/Silo/bin/&lt;Configuration&gt;/net10.0/Consultant.Silo) running in a process of its
/// own, for what an in-process host cannot show: a hard kill (SIGKILL), several silos sharing nothing but PostgreSQL.
/// Settings are passed as environment variables (<c>Section:Key</c> becomes <c>Section__Key</c>); each copy gets free
/// HTTP, silo and gateway ports. Standard output and error go to <see cref="LogPath"/> (under /tmp/consultant-silos,
/// kept for a day, for diagnosis). Disposing kills the process if it still runs, which frees its ports. Usually
/// started through <see cref="SiloCluster"/>, which also waits until the silo has joined the cluster.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<SiloProcess, bool> Running = new();
    private readonly Process process;
    private readonly StreamWriter log;
    private readonly Lock logGate = new();

    static SiloProcess()
    {
        // A test run that ends without disposing (an unhandled failure) must not leave silos behind.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var silo in Running.Keys)
            {
                silo.KillNow();
            }
        };
    }

    private SiloProcess(string name, int httpPort, int siloPort, int gatewayPort, string logPath, Process process, StreamWriter log)
    {
        Name = name;
        BaseUrl = new Uri($"http://127.0.0.1:{httpPort}");
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        LogPath = logPath;
        this.process = process;
        this.log = log;
    }

    public string Name { get; }

    /// <summary>Where its API, webhooks and dashboard listen (loopback).</summary>
    public Uri BaseUrl { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    /// <summary>Its standard output and error, line by line.</summary>
    public string LogPath { get; }

    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>When <see cref="KillAsync"/> had made sure the process was gone.</summary>
    public DateTimeOffset? KilledAt { get; private set; }

    /// <summary>
    /// Starts the silo with <paramref name="settings"/> (configuration keys, <c>:</c> separated) on free ports.
    /// Returns once the process runs; use <see cref="WaitUntilAnswersAsync"/> (or <see cref="SiloCluster"/>) for readiness.
    /// </summary>
    public static SiloProcess Start(string name, IReadOnlyDictionary<string, string> settings)
    {
        var executable = Executable();
        var (httpPort, siloPort, gatewayPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var url = $"http://127.0.0.1:{httpPort}";
        // --urls wins over every other source of the listening address.
        var start = new ProcessStartInfo(executable, ["--urls", url])
        {
            WorkingDirectory = RepositoryPaths.SiloProject, // the content root, as ./run.sh runs it
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = url,
            ["Orleans:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning", // a line per Twilio and AI call otherwise
            ["Logging:Console:FormatterName"] = "simple",
            ["Flows:StartForNewLeads"] = "false", // the AI answers new leads, as the tests expect
            ["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss.fff ",
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var logDirectory = Path.Combine(Path.GetTempPath(), "consultant-silos");
        Directory.CreateDirectory(logDirectory);
        foreach (var old in new DirectoryInfo(logDirectory).GetFiles("*.log").Where(f => f.LastWriteTimeUtc < DateTime.UtcNow.AddDays(-1)))
        {
            old.Delete(); // the logs of earlier runs are kept for a day
        }

        var logPath = Path.Combine(logDirectory, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{name}-{Guid.NewGuid().ToString("N")[..6]}.log");
        var writer = new StreamWriter(logPath) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var silo = new SiloProcess(name, httpPort, siloPort, gatewayPort, logPath, process, writer);
        process.OutputDataReceived += (_, e) => silo.Write(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Write(e.Data);
        silo.Write($"# {executable} --urls {url} (silo port {siloPort}, gateway port {gatewayPort})");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Running[silo] = true;
        return silo;
    }

    /// <summary>
    /// Polls <paramref name="path"/> until it answers with anything but a 5xx (401 counts: the pipeline is up), the
    /// process exits, or the deadline passes; the last two fail with the end of the log.
    /// </summary>
    public async Task WaitUntilAnswersAsync(TimeSpan timeout, string path = "/api/auth/me")
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + timeout;
        string last = "no answer yet";
        while (true)
        {
            if (process.HasExited)
            {
                throw Failure($"exited with code {process.ExitCode} before answering");
            }

            try
            {
                using var response = await http.GetAsync(path);
                if ((int)response.StatusCode < 500)
                {
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.Message;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw Failure($"did not answer {path} within {timeout.TotalSeconds:0} s (last: {last})");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>SIGKILL: no shutdown, no flushing, as if the machine had died. Returns once the process is gone.</summary>
    public async Task KillAsync()
    {
        if (process.HasExited)
        {
            return;
        }

        KillNow();
        await process.WaitForExitAsync();
        KilledAt = DateTimeOffset.UtcNow;
        Write($"# {KilledAt:HH:mm:ss.fff} killed (SIGKILL)");
    }

    /// <summary>SIGTERM, as a process manager or <c>./run.sh</c> stops the silo. Returns at once; see <see cref="WaitForExitAsync"/>.</summary>
    public void RequestStop()
    {
        Write($"# {DateTimeOffset.UtcNow:HH:mm:ss.fff} asked to stop (SIGTERM)");
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>True when the process has exited within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>An exception that says which silo and shows the end of its log.</summary>
    public InvalidOperationException Failure(string what) => new($"Silo {Name} {what}. Log {LogPath}:\n{LogTail(40)}");

    public string LogTail(int lines)
    {
        lock (logGate)
        {
            log.Flush();
        }

        using var reader = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var text = new StreamReader(reader);
        var all = text.ReadToEnd().Split('\n');
        return string.Join('\n', all.TakeLast(lines));
    }

    private void KillNow()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true); // SIGKILL on Linux
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (logGate)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output still draining after disposal.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Running.TryRemove(this, out _);
        process.Dispose();
        lock (logGate)
        {
            log.Dispose();
        }
    }

    /// <summary>The silo built in the same configuration as the running tests (the solution build builds both).</summary>
    private static string Executable()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Debug"
            : "Release";
        var path = Path.Combine(RepositoryPaths.Root, "src", "Silo", "bin", configuration, "net10.0", "Consultant.Silo");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} not found: build the solution first (dotnet build Orleans.sln -c {configuration}).");
    }
}
