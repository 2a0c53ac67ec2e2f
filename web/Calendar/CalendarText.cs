namespace Consultant.Web.Calendar;

/// <summary>The texts of the Calendar page; keys are the English texts, <c>CalendarText.it.resx</c> the Italian.</summary>
public sealed class CalendarText;
