namespace Consultant.Web.Settings;

/// <summary>The texts of the Google Calendar section; keys are the English texts, <c>GoogleCalendarText.it.resx</c> the Italian.</summary>
public sealed class GoogleCalendarText;
