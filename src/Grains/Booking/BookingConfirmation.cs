using Consultant.Grains.Languages;

namespace Consultant.Grains.Booking;

/// <summary>A confirmation ready to send: its text, the language it is in, and the calendar-file link it carries (if any).</summary>
public sealed record BookingConfirmation(string Text, ContactLanguage Language, string ContactTimeZone, Uri? CalendarFileUrl);
