using Consultant.Grains.Accounts;
using Consultant.Grains.Inbox;

namespace Consultant.Api.Inbox;

/// <summary>The Overview's numbers, with the periods they were counted in (the consultant's "today" and "this week").</summary>
public sealed record OverviewResponse(OverviewCounts Counts, ConsultantCalendar Calendar);
