namespace Consultant.Grains.Flows;

/// <summary>Configuration section <c>Flows</c>.</summary>
public sealed class FlowOptions
{
    public const string Section = "Flows";

    /// <summary>
    /// Whether a consultant's flow for new leads (the default onboarding flow until they save their own) starts by
    /// itself on a new lead's first message. False switches it off for every consultant (a flow can still be started
    /// by hand); each consultant can switch theirs off on the Flows page.
    /// </summary>
    public bool StartForNewLeads { get; set; } = true;
}
