namespace Consultant.Grains.Booking;

/// <summary>The consultant as a calendar file's ORGANIZER: their name and the e-mail of their account.</summary>
public sealed record CalendarOrganizer(string Name, string Email);
