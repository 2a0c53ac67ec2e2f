namespace Consultant.Bench;

/// <summary>
/// bench/RESULTS.md as sections, each written by one mode and starting with its marker line (<c>&lt;!-- name --&gt;</c>):
/// a run replaces its own section and leaves every other as it was. A new section goes before the first existing
/// one (the analytics run keeps everything before its own marker and writes itself last).
/// </summary>
internal static class ResultsSections
{
    private const string MarkerStart = "<!-- ";

    public static async Task WriteAsync(string output, string marker, string section)
    {
        var existing = File.Exists(output) ? await File.ReadAllTextAsync(output) : "# Benchmark results" + Environment.NewLine + Environment.NewLine;
        var text = marker + Environment.NewLine + section.TrimEnd() + Environment.NewLine + Environment.NewLine;
        var at = existing.IndexOf(marker, StringComparison.Ordinal);
        string updated;
        if (at >= 0)
        {
            var next = existing.IndexOf(MarkerStart, at + marker.Length, StringComparison.Ordinal);
            updated = existing[..at] + text + (next < 0 ? "" : existing[next..]);
        }
        else
        {
            var first = existing.IndexOf(MarkerStart, StringComparison.Ordinal);
            updated = first < 0 ? existing.TrimEnd() + Environment.NewLine + Environment.NewLine + text : existing[..first] + text + existing[first..];
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllTextAsync(output, updated.TrimEnd() + Environment.NewLine);
    }
}
