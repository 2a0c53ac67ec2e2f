using System.Resources;
using Consultant.Grains.Languages;

namespace Consultant.Grains.Booking;

/// <summary>
/// What the booking writes to contacts itself, in their language: Resources/BookingTexts.resx (English) and its .it,
/// .es and .fr translations, read in the culture passed, never the thread's. A new text is an entry in all four.
/// </summary>
public static class BookingTexts
{
    /// <summary>Every text's name, for the test that each exists in the four languages.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["CalendarSummary", "Booked", "Rescheduled", "Cancelled", "VideoLink", "CalendarFile", "CalendarFileCancelled", "DateFormat"];

    private static readonly ResourceManager Resources =
        new("Consultant.Grains.Booking.Resources.BookingTexts", typeof(BookingTexts).Assembly);

    /// <summary>A text with its placeholders ({0}…) filled in the language's culture.</summary>
    public static string Format(string name, ContactLanguage language, params object[] values) =>
        string.Format(language.Culture, Get(name, language), values);

    public static string Get(string name, ContactLanguage language) =>
        Resources.GetString(name, language.Culture) ?? throw new MissingManifestResourceException($"Missing booking text resource: {name}");
}
