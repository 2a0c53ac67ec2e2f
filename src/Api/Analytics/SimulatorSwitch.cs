namespace Consultant.Api.Analytics;

/// <summary>The <c>includeSimulator</c> query parameter of the analytics endpoints: absent or false leaves the simulator out.</summary>
internal static class SimulatorSwitch
{
    public static bool TryParse(string? text, out bool include)
    {
        include = false;
        return string.IsNullOrWhiteSpace(text) || bool.TryParse(text.Trim(), out include);
    }
}
