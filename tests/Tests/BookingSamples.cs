using Consultant.Grains.Booking;

namespace Consultant.Tests;

/// <summary>Consultations for the tests of calendar files, feeds and confirmations.</summary>
internal static class BookingSamples
{
    public static readonly CalendarOrganizer Organizer = new("Laura Conti", "laura@example.com");

    /// <summary>Thursday 2 April 2026, 16:00 UTC: 18:00 in Rome, 17:00 in London (both on summer time).</summary>
    public static readonly DateTimeOffset AprilSecond = new(2026, 4, 2, 16, 0, 0, TimeSpan.Zero);

    public static BookedConsultation Booked(
        Guid consultantId, DateTimeOffset? startsAt = null, string status = BookingStatus.Scheduled, int sequence = 0,
        string? meetingLink = "https://meet.example.com/abc-defg-hij", string contactName = "Marco Bianchi") =>
        new(Guid.NewGuid(), consultantId, "+393471234567", null, contactName, startsAt ?? AprilSecond, 60, status, sequence,
            "Training plan review", meetingLink);
}
