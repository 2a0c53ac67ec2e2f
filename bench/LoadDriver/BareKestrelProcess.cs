using System.Diagnostics;
using System.Reflection;

namespace Consultant.Bench;

/// <summary>
/// <see cref="BareKestrel"/> in a process of its own (this executable started with <see cref="Argument"/>), so the
/// baseline is served across a process boundary like the product, and its CPU is counted apart from the generator's.
/// </summary>
internal sealed class BareKestrelProcess : IAsyncDisposable
{
    public const string Argument = "--serve-bare-kestrel";

    private readonly Process process;

    private BareKestrelProcess(Process process, Uri baseUrl) => (this.process, BaseUrl) = (process, baseUrl);

    public Uri BaseUrl { get; }

    public int ProcessId => process.Id;

    /// <summary>The child's side: serve until killed.</summary>
    public static async Task<int> ServeAsync()
    {
        await using var bare = await BareKestrel.StartAsync();
        Console.WriteLine(bare.BaseUrl);
        await Task.Delay(Timeout.Infinite);
        return 0;
    }

    public static async Task<BareKestrelProcess> StartAsync()
    {
        var self = Environment.ProcessPath!;
        var start = Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? new ProcessStartInfo(self, [Assembly.GetEntryAssembly()!.Location, Argument])
            : new ProcessStartInfo(self, [Argument]);
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        var process = Process.Start(start)!;
        using var ready = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var line = await process.StandardOutput.ReadLineAsync(ready.Token)
            ?? throw new InvalidOperationException("The bare Kestrel process exited before it listened.");
        return new BareKestrelProcess(process, new Uri(line.Trim()));
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
