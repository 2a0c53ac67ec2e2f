namespace Consultant.Grains.Booking;

/// <summary>The addresses calendar files and feeds are served at: the token in the path is the only credential.</summary>
public static class BookingLinks
{
    public const string CalendarFilePath = "/api/booking/calendar-files/";

    public const string CalendarFeedPath = "/api/booking/calendar-feed/";

    /// <summary>Calendar apps recognise a subscription by its ending.</summary>
    public const string Extension = ".ics";

    public static Uri CalendarFileUrl(Uri baseUrl, string token) => new(Trim(baseUrl) + CalendarFilePath + token + Extension);

    public static Uri CalendarFeedUrl(Uri baseUrl, string token) => new(Trim(baseUrl) + CalendarFeedPath + token + Extension);

    private static string Trim(Uri baseUrl) => baseUrl.ToString().TrimEnd('/');
}
