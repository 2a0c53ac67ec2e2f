using Consultant.Grains.Analytics;
using NodaTime;

namespace Consultant.Tests;

/// <summary>The days an analytics request covers: the fields at fault are named, and local days become UTC ranges with summer time.</summary>
public sealed class AnalyticsPeriodTests
{
    [Test]
    public void Bad_dates_name_their_field()
    {
        var both = AnalyticsPeriod.Parse("25/11/2026", null);
        Assert.That(both.Errors.ToDictionary().Keys, Is.EquivalentTo(new[] { "from", "to" }));
        Assert.That(both.Errors.ToDictionary()["from"][0], Does.Contain("YYYY-MM-DD"));

        var reversed = AnalyticsPeriod.Parse("2026-11-25", "2026-11-24");
        Assert.That(reversed.Errors.ToDictionary().Keys, Is.EquivalentTo(new[] { "from" }));

        var tooLong = AnalyticsPeriod.Parse("2025-01-01", "2026-01-02");
        Assert.That(tooLong.Errors.ToDictionary().Keys, Is.EquivalentTo(new[] { "to" }));
        Assert.That(tooLong.Errors.ToDictionary()["to"][0], Does.Contain("367 days"));

        var leapYear = AnalyticsPeriod.Parse("2024-01-01", "2024-12-31");
        Assert.That(leapYear.Succeeded, Is.True);
        Assert.That(leapYear.Value!.Days, Is.EqualTo(366));
    }

    [Test]
    public void A_period_over_a_summer_time_change_is_an_hour_short_in_utc()
    {
        var rome = DateTimeZoneProviders.Tzdb["Europe/Rome"];
        var spring = AnalyticsPeriod.Parse("2026-03-29", "2026-03-29").Value!.In(rome);
        Assert.That(spring.Start, Is.EqualTo(new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero)));
        Assert.That(spring.End - spring.Start, Is.EqualTo(TimeSpan.FromHours(23)));

        var autumn = AnalyticsPeriod.Parse("2026-10-25", "2026-10-25").Value!.In(rome);
        Assert.That(autumn.End - autumn.Start, Is.EqualTo(TimeSpan.FromHours(25)));

        var week = AnalyticsPeriod.Last(7, new DateOnly(2026, 11, 25));
        Assert.That(week.Dates.First(), Is.EqualTo(new DateOnly(2026, 11, 19)));
        Assert.That(week.Dates.Count(), Is.EqualTo(7));
    }
}
