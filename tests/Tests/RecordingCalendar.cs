using Consultant.Grains.Booking;
using Consultant.Grains.Common;

namespace Consultant.Tests;

/// <summary>An outside calendar for tests: remembers every booking state it was given, answers with a video link, or fails.</summary>
internal sealed class RecordingCalendar(string? link = "https://meet.example/abc-defg-hij", bool fails = false) : IBookingCalendar
{
    public List<BookedConsultation> Synced { get; } = [];

    public List<TimeRange> Busy { get; } = [];

    public Task<IReadOnlyList<TimeRange>> BusyAsync(Guid consultantId, TimeRange range, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TimeRange>>(Busy);

    public Task<string?> SyncAsync(BookedConsultation booking, CancellationToken cancellationToken)
    {
        lock (Synced)
        {
            Synced.Add(booking);
        }

        return fails ? throw new HttpRequestException("calendar down") : Task.FromResult(link);
    }
}
