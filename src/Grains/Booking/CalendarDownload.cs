namespace Consultant.Grains.Booking;

/// <summary>A calendar file as served: its name and its text (<see cref="CalendarFile.ContentType"/>).</summary>
public sealed record CalendarDownload(string FileName, string Content);
