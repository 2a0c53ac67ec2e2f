using System.ComponentModel.DataAnnotations;

namespace Consultant.Grains.Booking;

/// <summary>The calendar files' settings, in the Booking section.</summary>
public sealed class CalendarFileOptions
{
    public const string Section = "Booking";

    /// <summary>How long the link to a consultation's calendar file, sent with its confirmation, stays valid.</summary>
    [Range(1, 365)]
    public int IcsLinkDays { get; set; } = 30;
}
