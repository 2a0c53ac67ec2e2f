namespace Consultant.Web.Simulator;

/// <summary>The texts of the simulator page; keys are the English texts, <c>SimulatorText.it.resx</c> the Italian.</summary>
public sealed class SimulatorText;
