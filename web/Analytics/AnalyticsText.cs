namespace Consultant.Web.Analytics;

/// <summary>The texts of the Analytics page; keys are the English texts, <c>AnalyticsText.it.resx</c> the Italian.</summary>
public sealed class AnalyticsText;
