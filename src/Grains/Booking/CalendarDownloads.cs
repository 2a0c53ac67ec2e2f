using Consultant.Grains.Accounts;
using Consultant.Grains.Common;

namespace Consultant.Grains.Booking;

/// <summary>
/// What a calendar link or feed address serves, built at that moment from the bookings as they stand
/// (<see cref="IConsultantBookings"/>): a moved consultation shows its new time, a cancelled one its cancellation.
/// Null (404) for an unknown, expired or revoked token, or a consultation that no longer exists.
/// </summary>
public sealed class CalendarDownloads(
    CalendarFileLinks links, CalendarFeedTokens feeds, IConsultantBookings bookings, ConsultantAccountRepository accounts, TimeProvider time)
{
    /// <summary>The feed lists the consultations of this many days back…</summary>
    public const int FeedDaysBack = 90;

    /// <summary>…and this many ahead.</summary>
    public const int FeedDaysAhead = 365;

    public async Task<CalendarDownload?> ConsultationFileAsync(string token)
    {
        if (await links.FindAsync(token) is not { } link
            || await bookings.FindAsync(link.ConsultantId, link.ConsultationId) is not { } booking
            || await OrganizerAsync(link.ConsultantId) is not { } organizer)
        {
            return null;
        }

        return new CalendarDownload(CalendarFile.FileName(booking), CalendarFile.ForContact(booking, organizer, link.Language, time.GetUtcNow()));
    }

    public async Task<CalendarDownload?> FeedAsync(string token)
    {
        if (await feeds.FindConsultantAsync(token) is not { } consultantId || await OrganizerAsync(consultantId) is not { } organizer)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var listed = await bookings.ListAsync(consultantId, new TimeRange(now.AddDays(-FeedDaysBack), now.AddDays(FeedDaysAhead)));
        return new CalendarDownload("consultations.ics", CalendarFile.Feed(listed, organizer, now));
    }

    private async Task<CalendarOrganizer?> OrganizerAsync(Guid consultantId) =>
        await accounts.FindByIdAsync(consultantId) is { } account ? new CalendarOrganizer(account.Name, account.Email) : null;
}
