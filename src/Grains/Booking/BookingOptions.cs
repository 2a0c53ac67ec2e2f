using System.ComponentModel.DataAnnotations;

namespace Consultant.Grains.Booking;

/// <summary>Configuration section <c>Booking</c>.</summary>
public sealed class BookingOptions
{
    public const string Section = "Booking";

    /// <summary>How long slots offered to a contact are kept from others.</summary>
    [Range(1, 120)]
    public int HoldMinutes { get; set; } = 10;
}
