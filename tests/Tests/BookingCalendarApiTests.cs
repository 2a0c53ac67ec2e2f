using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Booking;
using Consultant.Grains.Common;
using Consultant.Grains.Languages;
using Consultant.TestSupport;
using Ical.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>
/// Calendar-file links and the consultant's calendar feed through the real host and PostgreSQL. The bookings come from
/// a test <see cref="IConsultantBookings"/> put in for the booking core's, so each test says what is booked.
/// </summary>
public sealed class BookingCalendarApiTests : HostFixture
{
    private readonly InMemoryBookings bookings = new();

    protected override Action<IServiceCollection> Services => services => services.AddSingleton<IConsultantBookings>(bookings);

    private CalendarFileLinks Links => Host.Services.GetRequiredService<CalendarFileLinks>();

    /// <summary>A link's path on the test server (the link itself is on the public address).</summary>
    private static string PathOf(Uri link)
    {
        Assert.That(link.GetLeftPart(UriPartial.Authority), Is.EqualTo(SiloHost.PublicBaseUrl), "on WhatsApp:PublicBaseUrl, where a phone reaches it");
        return link.PathAndQuery;
    }

    private async Task<Calendar> DownloadAsync(HttpClient anonymous, Uri link)
    {
        var response = await anonymous.GetAsync(PathOf(link));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/calendar"));
        return Calendar.Load(await response.Content.ReadAsStringAsync())!;
    }

    [Test]
    public async Task A_calendar_file_link_serves_the_consultation_as_it_stands_and_is_404_once_expired_unknown_or_for_another_consultant()
    {
        using var consultant = await Host.RegisterConsultantAsync("Laura Conti");
        using var other = await Host.RegisterConsultantAsync();
        using var anonymous = Host.CreateClient();
        var booked = bookings.Put(BookingSamples.Booked(consultant.Id));

        var link = (await Links.CreateAsync(consultant.Id, booked.Id, ContactLanguage.Italian))!;
        Assert.That(link.AbsolutePath, Does.StartWith("/api/booking/calendar-files/").And.EndWith(".ics"));
        var response = await anonymous.GetAsync(PathOf(link));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentDisposition!.FileNameStar, Is.EqualTo("consultation-2026-04-02.ics"));
        Assert.That(response.Headers.CacheControl!.NoStore, "never kept by a proxy");
        var first = (await DownloadAsync(anonymous, link)).Events.Single();
        Assert.That(first.Summary, Is.EqualTo("Consulenza con Laura Conti"), "in the contact's language, organised by the consultant");
        Assert.That(first.Organizer!.Value, Is.EqualTo(new Uri("mailto:" + consultant.Email)));
        Assert.That((first.Sequence, first.Status), Is.EqualTo((0, "CONFIRMED")));

        bookings.Put(booked with { StartsAt = booked.StartsAt.AddDays(1), Sequence = 1 });
        var moved = await DownloadAsync(anonymous, link);
        Assert.That(moved.Method, Is.EqualTo("REQUEST"));
        Assert.That((moved.Events.Single().Uid, moved.Events.Single().Sequence), Is.EqualTo((first.Uid, 1)), "the same link gives the new time");
        Assert.That(moved.Events.Single().Start!.AsUtc, Is.EqualTo(booked.StartsAt.AddDays(1).UtcDateTime));

        bookings.Put(booked with { Status = BookingStatus.Cancelled, Sequence = 2 });
        var cancelled = await DownloadAsync(anonymous, link);
        Assert.That(cancelled.Method, Is.EqualTo("CANCEL"));
        Assert.That((cancelled.Events.Single().Status, cancelled.Events.Single().Sequence), Is.EqualTo(("CANCELLED", 2)));

        var token = link.AbsolutePath.Split('/')[^1][..^".ics".Length];
        Assert.That(await Db.ScalarAsync<long>(Host.ConnectionString,
            "SELECT count(*) FROM booking_calendar_links WHERE token_hash = @hash AND expires_at BETWEEN now() + interval '29 days 23 hours' AND now() + interval '30 days 1 hour'",
            ("hash", SecretTokens.Hash(token))), Is.EqualTo(1), "kept hashed, valid Booking:IcsLinkDays (30)");

        Assert.That((await anonymous.GetAsync($"/api/booking/calendar-files/{SecretTokens.New()}.ics")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await anonymous.GetAsync("/api/booking/calendar-files/short.ics")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var othersLink = (await Links.CreateAsync(other.Id, booked.Id, ContactLanguage.English))!;
        Assert.That((await anonymous.GetAsync(PathOf(othersLink))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "another consultant's consultation");

        await Db.ExecuteAsync(Host.ConnectionString, "UPDATE booking_calendar_links SET expires_at = now() - interval '1 second'");
        Assert.That((await anonymous.GetAsync(PathOf(link))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "expired");
    }

    [Test]
    public async Task The_calendar_feed_lists_the_consultants_consultations_its_address_is_shown_once_and_a_rotated_or_revoked_one_is_404()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        using var other = await Host.RegisterConsultantAsync();
        using var anonymous = Host.CreateClient();
        var soon = DateTimeOffset.UtcNow.AddDays(3);
        var scheduled = bookings.Put(BookingSamples.Booked(consultant.Id, soon));
        var cancelled = bookings.Put(BookingSamples.Booked(consultant.Id, soon.AddHours(2), BookingStatus.Cancelled, 1));
        var completed = bookings.Put(BookingSamples.Booked(consultant.Id, soon.AddDays(-30), BookingStatus.Completed));
        bookings.Put(BookingSamples.Booked(consultant.Id, soon.AddDays(400))); // beyond the feed's year ahead
        bookings.Put(BookingSamples.Booked(other.Id, soon));

        Assert.That((await consultant.Http.GetFromJsonAsync<JsonElement>("/api/booking/calendar-feed")).GetProperty("active").GetBoolean(), Is.False);
        Assert.That((await anonymous.PostAsync("/api/booking/calendar-feed", null)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        var first = await RotateAsync(consultant.Http);
        var feed = await DownloadAsync(anonymous, first);
        Assert.That(feed.Method, Is.EqualTo("PUBLISH"));
        var byUid = feed.Events.ToDictionary(e => e.Uid!, e => e.Status);
        Assert.That(byUid, Is.EquivalentTo(new Dictionary<string, string?>
        {
            [CalendarFile.Uid(scheduled.Id)] = "CONFIRMED",
            [CalendarFile.Uid(cancelled.Id)] = "CANCELLED",
            [CalendarFile.Uid(completed.Id)] = "CONFIRMED",
        }), "only this consultant's, within 90 days back and 365 ahead");

        var state = await consultant.Http.GetFromJsonAsync<JsonElement>("/api/booking/calendar-feed");
        Assert.That(state.GetProperty("active").GetBoolean());
        Assert.That(state.GetProperty("url").ValueKind, Is.EqualTo(JsonValueKind.Null), "the address is shown only when made");
        var token = first.AbsolutePath.Split('/')[^1][..^".ics".Length];
        Assert.That(await Db.ScalarAsync<long>(Host.ConnectionString, "SELECT count(*) FROM booking_calendar_feeds WHERE token_hash = @hash",
            ("hash", SecretTokens.Hash(token))), Is.EqualTo(1), "kept only as its hash");

        var second = await RotateAsync(consultant.Http);
        Assert.That(second, Is.Not.EqualTo(first));
        Assert.That((await anonymous.GetAsync(PathOf(first))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "rotated away");
        await DownloadAsync(anonymous, second);

        Assert.That((await consultant.Http.DeleteAsync("/api/booking/calendar-feed")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await anonymous.GetAsync(PathOf(second))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "revoked");
        Assert.That((await consultant.Http.GetFromJsonAsync<JsonElement>("/api/booking/calendar-feed")).GetProperty("active").GetBoolean(), Is.False);
    }

    private static async Task<Uri> RotateAsync(HttpClient http)
    {
        var response = await http.PostAsync("/api/booking/calendar-feed", null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var url = new Uri((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!);
        Assert.That(url.AbsolutePath, Does.StartWith("/api/booking/calendar-feed/").And.EndWith(".ics"));
        return url;
    }
}
