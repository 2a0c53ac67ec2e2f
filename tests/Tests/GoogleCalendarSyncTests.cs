using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Booking;
using Consultant.Grains.Calendar;
using Consultant.Grains.Common;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Consultant.Tests;

/// <summary>
/// Bookings copied to the consultant's Google Calendar through the fake Google's Calendar API: inserted with a Meet
/// link, patched when moved, deleted when cancelled, busy times read; Google down keeps the booking and the retry
/// copies it later; a permission Google no longer accepts disconnects with the reason and is not retried.
/// </summary>
public sealed class GoogleCalendarSyncTests : GoogleCalendarFixture
{
    [Test]
    public async Task A_booking_is_inserted_with_a_Meet_link_patched_when_moved_and_deleted_when_cancelled()
    {
        using var consultant = await ConnectedConsultantAsync();
        var booked = Booking(consultant.Id, NextWeek(9));
        var link = await Calendar.SyncAsync(booked, CancellationToken.None);

        var eventId = booked.Id.ToString("N");
        Assert.That(link, Does.StartWith("https://meet.google.com/"));
        Assert.That(Google.CalendarRequests, Does.Contain($"POST /calendar/v3/calendars/primary/events?conferenceDataVersion=1"));
        var created = Google.Events[eventId];
        Assert.Multiple(() =>
        {
            Assert.That(created["conferenceData"]!["createRequest"]!["requestId"]!.GetValue<string>(), Is.EqualTo(eventId));
            Assert.That(created["hangoutLink"]!.GetValue<string>(), Is.EqualTo(link));
            Assert.That(DateTimeOffset.Parse(created["start"]!["dateTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(booked.StartsAt));
        });
        Assert.That(await StoredAsync<string>("event_id", booked.Id), Is.EqualTo(eventId));
        Assert.That(await StoredAsync<string>("meet_link", booked.Id), Is.EqualTo(link));

        var moved = booked with { StartsAt = booked.StartsAt.AddDays(1), Sequence = 1 };
        Assert.That(await Calendar.SyncAsync(moved, CancellationToken.None), Is.EqualTo(link), "the Meet link stays");
        Assert.That(Google.CalendarRequests, Does.Contain($"PATCH /calendar/v3/calendars/primary/events/{eventId}"));
        Assert.That(DateTimeOffset.Parse(Google.Events[eventId]["end"]!["dateTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(moved.EndsAt));
        Assert.That(await StoredAsync<int>("synced_sequence", booked.Id), Is.EqualTo(1));

        // The same state again (a duplicate call) changes nothing at Google.
        var calls = Google.CalendarRequests.Count;
        await Calendar.SyncAsync(moved, CancellationToken.None);
        Assert.That(Google.CalendarRequests, Has.Count.EqualTo(calls));

        var cancelled = moved with { Status = BookingStatus.Cancelled, Sequence = 2 };
        Assert.That(await Calendar.SyncAsync(cancelled, CancellationToken.None), Is.Null);
        Assert.That(Google.CalendarRequests, Does.Contain($"DELETE /calendar/v3/calendars/primary/events/{eventId}"));
        Assert.That(Google.Events[eventId]["status"]!.GetValue<string>(), Is.EqualTo("cancelled"));
    }

    [Test]
    public async Task Busy_times_come_from_freeBusy_and_an_expired_access_token_is_refreshed_once()
    {
        using var consultant = await ConnectedConsultantAsync();
        var busyStart = NextWeek(14);
        Google.AddBusy(busyStart, busyStart.AddHours(2));
        Google.ExpireAccessTokens();
        var refreshes = Google.TokenRequestsOf("refresh_token").Count;

        var busy = await Calendar.BusyAsync(consultant.Id, new TimeRange(NextWeek(0), NextWeek(24)), CancellationToken.None);
        Assert.That(busy, Is.EqualTo(new[] { new TimeRange(busyStart, busyStart.AddHours(2)) }));
        Assert.That(Google.TokenRequestsOf("refresh_token"), Has.Count.EqualTo(refreshes + 1), "401, then one refresh");

        using var notConnected = await Host.RegisterConsultantAsync();
        Assert.That(await Calendar.BusyAsync(notConnected.Id, new TimeRange(NextWeek(0), NextWeek(24)), CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task When_Google_is_down_the_booking_stands_the_reason_is_shown_and_the_retry_copies_it_later()
    {
        using var consultant = await ConnectedConsultantAsync();
        var booked = Booking(consultant.Id, NextWeek(11));
        Google.CalendarDown = true;
        try
        {
            Assert.That(await Calendar.SyncAsync(booked, CancellationToken.None), Is.Null);
        }
        finally
        {
            Google.CalendarDown = false;
        }

        var status = await StatusAsync(consultant);
        Assert.Multiple(() =>
        {
            Assert.That(status.GetProperty("connected").GetBoolean(), Is.True);
            Assert.That(status.GetProperty("problem").GetString(), Is.EqualTo(GoogleCalendarProblem.Unavailable));
            Assert.That(status.GetProperty("problemText").GetString(), Does.Contain("copied to it automatically"));
            Assert.That(status.GetProperty("waitingCopies").GetInt32(), Is.EqualTo(1));
        });

        // The reminder's work, called directly: the first retry is due at the next tick.
        var retried = await Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IGoogleCalendarRetryGrain>(0).RetryDueAsync();
        Assert.That(retried, Is.GreaterThanOrEqualTo(1));
        Assert.That(Google.Events[booked.Id.ToString("N")]["hangoutLink"], Is.Not.Null);
        Assert.That(await StoredAsync<string>("meet_link", booked.Id), Does.StartWith("https://meet.google.com/"));
        Assert.That((await StatusAsync(consultant)).GetProperty("waitingCopies").GetInt32(), Is.Zero);
    }

    [Test]
    public async Task Each_failure_waits_longer_before_the_next_try()
    {
        using var consultant = await ConnectedConsultantAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var sync = ActivatorUtilities.CreateInstance<GoogleCalendarSync>(Host.Services, (TimeProvider)time);
        var booked = Booking(consultant.Id, NextWeek(15));
        Google.CalendarDown = true;
        try
        {
            await sync.SyncAsync(booked, CancellationToken.None);         // failure 1: due at the next tick
            Assert.That(await sync.RetryDueAsync(CancellationToken.None), Is.Zero); // failure 2: due a minute later
            Assert.That(await StoredAsync<int>("attempts", booked.Id), Is.EqualTo(2));
        }
        finally
        {
            Google.CalendarDown = false;
        }

        Assert.That(await sync.RetryDueAsync(CancellationToken.None), Is.Zero, "not due yet");
        Assert.That(Google.Events.ContainsKey(booked.Id.ToString("N")), Is.False);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.That(await sync.RetryDueAsync(CancellationToken.None), Is.EqualTo(1));
        Assert.That(Google.Events.ContainsKey(booked.Id.ToString("N")), Is.True);
        Assert.That(GoogleCalendarSync.WaitBefore(10), Is.EqualTo(TimeSpan.FromHours(1)), "at most an hour apart");
    }

    [Test]
    public async Task A_revoked_permission_disconnects_with_the_reason_and_is_not_retried()
    {
        using var consultant = await ConnectedConsultantAsync();
        Google.RevokeAllGrants(); // the consultant removed the access in their Google account
        var booked = Booking(consultant.Id, NextWeek(16));
        Assert.That(await Calendar.SyncAsync(booked, CancellationToken.None), Is.Null, "the booking stands without a link");

        var status = await StatusAsync(consultant);
        Assert.Multiple(() =>
        {
            Assert.That(status.GetProperty("connected").GetBoolean(), Is.False);
            Assert.That(status.GetProperty("problem").GetString(), Is.EqualTo(GoogleCalendarProblem.Revoked));
            Assert.That(status.GetProperty("problemText").GetString(), Does.Contain("Connect Google Calendar again"));
        });
        Assert.That(await Db.ScalarAsync<string>(Host.ConnectionString,
            "SELECT refresh_token_protected FROM google_calendar_connections WHERE consultant_id = @id", ("id", consultant.Id)), Is.Null);

        var tokenCalls = Google.TokenRequests.Count;
        await Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IGoogleCalendarRetryGrain>(0).RetryDueAsync();
        await Calendar.BusyAsync(consultant.Id, new TimeRange(NextWeek(0), NextWeek(24)), CancellationToken.None);
        Assert.That(Google.TokenRequests, Has.Count.EqualTo(tokenCalls), "no more tries with a dead permission");
    }

    private async Task<T?> StoredAsync<T>(string column, Guid consultationId) => await Db.ScalarAsync<T>(
        Host.ConnectionString, $"SELECT {column} FROM google_calendar_events WHERE consultation_id = @id", ("id", consultationId));
}
