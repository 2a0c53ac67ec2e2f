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
    }

    public static void UseShutdownDeadline(this WebApplication app)
    {
        var limit = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HostOptions>>().Value.ShutdownTimeout;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ShutdownDeadline).FullName!);
        app.Lifetime.ApplicationStopping.Register(() =>
        {
            // A dedicated background thread: the thread pool may be the thing that is stuck.
            var watchdog = new Thread(() =>
            {
                if (app.Lifetime.ApplicationStopped.WaitHandle.WaitOne(limit + TimeSpan.FromSeconds(3)))
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

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The silo did not stop within {Seconds} s (is PostgreSQL reachable?); ending the process. Work in flight is recovered at the next start")]
    private static partial void StoppingTooLong(ILogger logger, int seconds);
}
