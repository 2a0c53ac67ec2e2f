namespace Consultant.Grains.Analytics;

/// <summary>One stage of the funnel for a cohort.</summary>
/// <param name="Count">Leads of the cohort whose furthest stage is at least this one (never more than the stage before).</param>
/// <param name="ShareOfLeads">Count ÷ the cohort (0 to 1); null for an empty cohort.</param>
/// <param name="DropOff">Leads who reached this stage and went no further; null for the last stage.</param>
/// <param name="DropOffRate">DropOff ÷ Count; null for the last stage or when none reached it.</param>
/// <param name="MedianSecondsFromFirstMessage">Median time from the lead's first message to reaching this stage; null for new or when none reached it.</param>
public sealed record LeadFunnelStage(
    string Stage, int Count, double? ShareOfLeads, int? DropOff, double? DropOffRate, double? MedianSecondsFromFirstMessage);
