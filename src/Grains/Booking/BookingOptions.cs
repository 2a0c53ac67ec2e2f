using System.ComponentModel.DataAnnotations;

namespace Consultant.Grains.Booking;

/// <summary>Configuration section <c>Booking</c>.</summary>
public sealed class BookingOptions
{
    public const string Section = "Booking";

    /// <summary>How long slots offered to a contact are kept from others.</summary>
    [Range(1, 120)]
    public int HoldMinutes { get; set; } = 10;

    /// <summary>
    /// At most how many free times a refusal of a taken slot offers (those of the chosen day): ten, the most a
    /// WhatsApp list shows, and a day of hour-long consultations fits.
    /// </summary>
    [Range(1, 24)]
    public int AlternativeTimes { get; set; } = 10;
}
