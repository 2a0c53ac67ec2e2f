namespace Consultant.Web.Booking;

/// <summary>The texts of the booking pages and sections; keys are the English texts, <c>BookingText.it.resx</c> the Italian.</summary>
public sealed class BookingText;
