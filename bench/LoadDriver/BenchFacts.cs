using System.Diagnostics;

namespace Consultant.Bench;

/// <summary>What every mode writes beside its figures: the commit it measured and whether an aim was met.</summary>
internal static class BenchFacts
{
    public static string Met(bool met) => met ? "met" : "not met";

    /// <summary>The output of a git command (e.g. "rev-parse --short HEAD"); "unknown" where git is not installed.</summary>
    public static string Git(string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, UseShellExecute = false })!;
            var text = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return text;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
