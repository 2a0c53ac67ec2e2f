namespace Consultant.Grains.Calendar;

/// <summary><c>freeBusy.query</c>'s request body.</summary>
public sealed record GoogleFreeBusyRequest(DateTimeOffset TimeMin, DateTimeOffset TimeMax, IReadOnlyList<GoogleFreeBusyItem> Items);

public sealed record GoogleFreeBusyItem(string Id);

/// <summary><c>freeBusy.query</c>'s answer: per calendar asked for, its busy periods or its errors.</summary>
public sealed record GoogleFreeBusyResponse(IReadOnlyDictionary<string, GoogleFreeBusyCalendar>? Calendars);

public sealed record GoogleFreeBusyCalendar(IReadOnlyList<GoogleBusyPeriod>? Busy, IReadOnlyList<GoogleFreeBusyError>? Errors);

public sealed record GoogleBusyPeriod(DateTimeOffset Start, DateTimeOffset End);

/// <param name="Reason">E.g. <c>notFound</c>, <c>internalError</c>.</param>
public sealed record GoogleFreeBusyError(string? Domain, string? Reason);
