namespace Consultant.Web.Overview;

/// <summary>The texts of the Overview; keys are the English texts, <c>OverviewText.it.resx</c> the Italian.</summary>
public sealed class OverviewText;
