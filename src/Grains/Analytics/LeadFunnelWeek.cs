namespace Consultant.Grains.Analytics;

/// <summary>
/// The leads who first wrote in one ISO week (Monday to Sunday in the consultant's zone; the period's first and last
/// weeks only for their days inside it), and how many of them reached at least each stage.
/// </summary>
/// <param name="Week">ISO week, e.g. 2026-W10.</param>
/// <param name="Monday">The week's Monday.</param>
public sealed record LeadFunnelWeek(string Week, DateOnly Monday, int New, int Engaged, int Qualified, int Booked, int Converted);
