using Consultant.Grains.Analytics;
using Consultant.Grains.Booking;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Consultant.Tests;

/// <summary>
/// The booking service of a test host at a chosen moment (a <see cref="FakeTimeProvider"/>), with the outside
/// calendars a test gives, and times written as Rome's wall clock.
/// </summary>
internal sealed class BookingClock(SiloHost host, DateTimeOffset now, params IBookingCalendar[] calendars)
{
    private static readonly DateTimeZone RomeZone = DateTimeZoneProviders.Tzdb["Europe/Rome"];

    public FakeTimeProvider Time { get; } = new(now);

    public BookingService Service
    {
        get
        {
            var services = host.Services;
            var store = services.GetRequiredService<BookingStore>();
            var followUp = new BookingFollowUp(store, calendars, services.GetServices<IBookingListener>(), services.GetRequiredService<LeadFunnel>(), NullLogger<BookingFollowUp>.Instance);
            return new BookingService(store, services.GetRequiredService<BookingContacts>(), services.GetRequiredService<AvailabilityService>(),
                calendars, followUp, Options.Create(new BookingOptions()), Time);
        }
    }

    /// <summary>The instant of a wall-clock time in Rome.</summary>
    public static DateTimeOffset Rome(int month, int day, int hour, int minute = 0, int year = 2026) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(RomeZone).ToDateTimeOffset();

    /// <summary>An instant as Rome's wall clock, "yyyy-MM-dd HH:mm".</summary>
    public static string InRome(DateTimeOffset instant) =>
        Instant.FromDateTimeOffset(instant).InZone(RomeZone).LocalDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
