using System.Globalization;

namespace Consultant.Bench;

/// <summary>
/// CPU time over one measured phase, from /proc: this process (the load generator and the fakes), the product's
/// process, PostgreSQL (its postmaster and children, <c>BENCH_POSTGRES_PID</c>) and the whole machine, in cores
/// (CPU seconds per second of wall time). On a shared machine the rest of "machine" is other work.
/// </summary>
internal sealed record CpuUsage(double Generator, double Product, double Postgres, double Machine)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public static int? PostgresPid =>
        int.TryParse(Environment.GetEnvironmentVariable("BENCH_POSTGRES_PID"), CultureInfo.InvariantCulture, out var pid) ? pid : null;

    /// <summary>The generator's part of all CPU the machine spent, and each side in cores.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"gen {Generator:0.00} ({(Machine > 0 ? Generator / Machine : 0):P0}) · server {Product:0.00} · pg {Postgres:0.00} · machine {Machine:0.00}/{Environment.ProcessorCount}");

    public static async Task<(T Result, CpuUsage Cpu)> MeasureAsync<T>(int? productPid, Func<Task<T>> phase)
    {
        var before = Snapshot.Take(productPid);
        var result = await phase();
        var after = Snapshot.Take(productPid);
        var seconds = (after.At - before.At).TotalSeconds;
        double Cores(double ticks) => seconds > 0 ? ticks / TicksPerSecond / seconds : 0;
        return (result, new CpuUsage(
            Cores(after.Generator - before.Generator),
            Cores(after.Product - before.Product),
            Cores(after.Postgres - before.Postgres),
            Cores(after.MachineBusy - before.MachineBusy)));
    }

    private sealed record Snapshot(DateTime At, long Generator, long Product, long Postgres, long MachineBusy)
    {
        public static Snapshot Take(int? productPid) => new(
            DateTime.UtcNow,
            ProcessTicks(Environment.ProcessId),
            productPid is { } product ? ProcessTicks(product) : 0,
            PostgresPid is { } postmaster ? TreeTicks(postmaster) : 0,
            MachineBusyTicks());
    }

    /// <summary>utime + stime of one process (fields 14 and 15 of /proc/PID/stat), 0 once it is gone.</summary>
    private static long ProcessTicks(int pid) => Stat(pid) is { } fields ? long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture) : 0;

    /// <summary>
    /// A process, its live children (PostgreSQL's backends are the postmaster's) and the children it has reaped
    /// (cutime + cstime), so a backend that ends during the phase keeps its time in the sum.
    /// </summary>
    private static long TreeTicks(int root)
    {
        var rootFields = Stat(root);
        long total = rootFields is null ? 0 : new[] { 11, 12, 13, 14 }.Sum(i => long.Parse(rootFields[i], CultureInfo.InvariantCulture));
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var pid) && pid != root
                && Stat(pid) is { } fields && fields[1] == root.ToString(CultureInfo.InvariantCulture))
            {
                total += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    /// <summary>The fields after the command name (which may hold spaces): [0] state, [1] ppid, ... [11] utime, [12] stime, [13] cutime, [14] cstime.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>All CPUs' time except idle and iowait (the first line of /proc/stat).</summary>
    private static long MachineBusyTicks()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            return fields.Take(8).Sum() - fields[3] - fields[4]; // user nice system idle iowait irq softirq steal
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
