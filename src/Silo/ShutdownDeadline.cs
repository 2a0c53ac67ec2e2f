using System.Diagnostics;

namespace Consultant.Silo;

/// <summary>
/// Bounds how long stopping may take. Orleans retries its membership update for minutes when PostgreSQL is gone,
/// so without this a SIGTERM or Ctrl-C could leave the process hanging; a process manager expects it to go.
/// Everything else (the host's own stop) gets the same time; past it the process ends itself.
/// </summary>
internal static partial class ShutdownDeadline
{
    public const string Key = "Shutdown:TimeoutSeconds";

    private const int DefaultSeconds = 20;

    public static void AddShutdownDeadline(this WebApplicationBuilder builder)
    {
        var limit = TimeSpan.FromSeconds(builder.Configuration.GetValue(Key, DefaultSeconds));
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = limit);
        builder.Services.AddSingleton<Stopped>();
    }

    public static void UseShutdownDeadline(this WebApplication app)
    {
        var limit = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HostOptions>>().Value.ShutdownTimeout;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ShutdownDeadline).FullName!);
        // Everything the watchdog needs is taken now: once the host is disposed its services are gone (asking for one
        // from the watchdog's thread threw and, unhandled there, ended a test run's process).
        var stopped = app.Services.GetRequiredService<Stopped>();
        var lifetime = app.Lifetime;
        lifetime.ApplicationStopped.Register(stopped.Set);
        lifetime.ApplicationStopping.Register(() =>
        {
            // A dedicated background thread: the thread pool may be the thing that is stuck.
            var watchdog = new Thread(() =>
            {
                if (stopped.Wait(limit + TimeSpan.FromSeconds(3)))
                {
                    return;
                }

                StoppingTooLong(logger, (int)limit.TotalSeconds);
                Thread.Sleep(TimeSpan.FromMilliseconds(500)); // lets the console logger write the line above
                Process.GetCurrentProcess().Kill();
            })
            { IsBackground = true, Name = "shutdown-deadline" };
            watchdog.Start();
        });
    }

    /// <summary>Set when the host has stopped, or its services are disposed without a stop (a host disposed in-process).</summary>
    private sealed class Stopped : IDisposable
    {
        private readonly ManualResetEventSlim signal = new();

        public void Set() => signal.Set();

        public bool Wait(TimeSpan limit) => signal.Wait(limit);

        // Never disposed itself: the watchdog may still be waiting on it; set instead, so it ends.
        public void Dispose() => signal.Set();
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The silo did not stop within {Seconds} s (is PostgreSQL reachable?); ending the process. Work in flight is recovered at the next start")]
    private static partial void StoppingTooLong(ILogger logger, int seconds);
}
