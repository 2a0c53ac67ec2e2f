using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Calendar;
using Consultant.TestSupport;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Consultant.Tests;

/// <summary>
/// Connecting Google Calendar: the authorization code flow with PKCE (the fake Google checks the verifier against the
/// challenge), a state that is one use and the signed-in consultant's, the refresh token kept encrypted and never
/// shown, disconnecting that revokes it, and the section that says when the operator has not set Google up.
/// </summary>
public sealed class GoogleCalendarConnectionTests : GoogleCalendarFixture
{
    [Test]
    public async Task Connecting_runs_the_code_flow_with_PKCE_and_keeps_the_refresh_token_encrypted_and_unseen()
    {
        var (consultant, dashboard) = await NewConsultantAsync();
        using var _ = dashboard;
        var link = await ConsentLinkAsync(consultant);
        var asked = QueryHelpers.ParseQuery(link.Query);
        Assert.Multiple(() =>
        {
            Assert.That(link.GetLeftPart(UriPartial.Path), Is.EqualTo(new Uri(Google.BaseUrl, "o/oauth2/v2/auth").ToString()));
            Assert.That(asked["code_challenge_method"].ToString(), Is.EqualTo("S256"));
            Assert.That(asked["access_type"].ToString(), Is.EqualTo("offline"));
            Assert.That(asked["scope"].ToString(), Does.Contain("https://www.googleapis.com/auth/calendar.events")
                .And.Contain("https://www.googleapis.com/auth/calendar.freebusy"));
            Assert.That(asked["redirect_uri"].ToString(), Is.EqualTo(SiloHost.PublicBaseUrl + "/api/calendar/google/callback"));
        });

        var tokensBefore = Google.ValidRefreshTokens;
        var callback = await ConsentAsync(link);
        Assert.That(await ReturnAsync(dashboard, callback), Is.EqualTo("/settings/whatsapp?googleCalendar=connected#google-calendar"));

        var code = QueryHelpers.ParseQuery(callback.Query)["code"].ToString();
        var exchange = Google.TokenRequestsOf("authorization_code").Single(form => form["code"] == code);
        Assert.That(exchange["code_verifier"], Has.Length.EqualTo(43), "the verifier the fake checked against the challenge");
        var status = await StatusAsync(consultant);
        Assert.Multiple(() =>
        {
            Assert.That(status.GetProperty("connected").GetBoolean(), Is.True);
            Assert.That(status.GetProperty("accountEmail").GetString(), Is.EqualTo(FakeGoogle.AccountEmail));
            Assert.That(status.GetProperty("problem").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });

        var refreshToken = Google.ValidRefreshTokens.Except(tokensBefore).Single();
        var stored = await Db.ScalarAsync<string>(Host.ConnectionString,
            "SELECT refresh_token_protected FROM google_calendar_connections WHERE consultant_id = @id", ("id", consultant.Id));
        Assert.That(stored, Is.Not.Null.And.Not.Contain(refreshToken), "encrypted at rest");
        Assert.That(status.GetRawText(), Does.Not.Contain(refreshToken).And.Not.Contain("ya29."), "never in a response");

        // The same return again (a replayed or bookmarked callback): the state was used up.
        Assert.That(await ReturnAsync(dashboard, callback), Does.Contain("googleCalendar=refused"));
    }

    [Test]
    public async Task A_state_of_another_consultant_is_refused_and_a_code_made_for_another_challenge_is_not_exchanged()
    {
        var (owner, ownerDashboard) = await NewConsultantAsync();
        var (other, otherDashboard) = await NewConsultantAsync();
        using var _ = ownerDashboard;
        using var __ = otherDashboard;
        using var ___ = other;

        var ownersReturn = await ConsentAsync(await ConsentLinkAsync(owner));
        Assert.That(await ReturnAsync(otherDashboard, ownersReturn), Does.Contain("googleCalendar=refused"), "not the signed-in consultant's state");
        Assert.That((await StatusAsync(other)).GetProperty("connected").GetBoolean(), Is.False);

        // Two sign-ins of the owner: the first's code with the second's state has the wrong verifier, and Google refuses it.
        var first = await ConsentAsync(await ConsentLinkAsync(owner));
        var second = await ConsentAsync(await ConsentLinkAsync(owner));
        var mixed = new Uri(QueryHelpers.AddQueryString(first.GetLeftPart(UriPartial.Path), new Dictionary<string, string?>
        {
            ["state"] = QueryHelpers.ParseQuery(second.Query)["state"],
            ["code"] = QueryHelpers.ParseQuery(first.Query)["code"],
        }));
        Assert.That(await ReturnAsync(ownerDashboard, mixed), Does.Contain("googleCalendar=failed"));
        Assert.That(Google.TokenRequestsOf("authorization_code").Any(form => form["code"] == QueryHelpers.ParseQuery(first.Query)["code"]), Is.True);
        Assert.That((await StatusAsync(owner)).GetProperty("connected").GetBoolean(), Is.False);

        // The owner's own first return still works: the other consultant's attempt did not spend it.
        Assert.That(await ReturnAsync(ownerDashboard, ownersReturn), Does.Contain("googleCalendar=connected"));
    }

    [Test]
    public async Task Saying_no_on_Googles_page_changes_nothing()
    {
        var (consultant, dashboard) = await NewConsultantAsync();
        using var _ = dashboard;
        Google.ConsentError = "access_denied";
        try
        {
            Assert.That(await ReturnAsync(dashboard, await ConsentAsync(await ConsentLinkAsync(consultant))), Does.Contain("googleCalendar=denied"));
        }
        finally
        {
            Google.ConsentError = null;
        }

        Assert.That((await StatusAsync(consultant)).GetProperty("connected").GetBoolean(), Is.False);
    }

    [Test]
    public async Task Disconnect_revokes_the_token_at_Google_and_deletes_it()
    {
        var tokensBefore = Google.ValidRefreshTokens;
        using var consultant = await ConnectedConsultantAsync();
        var refreshToken = Google.ValidRefreshTokens.Except(tokensBefore).Single();
        var answer = await consultant.Http.DeleteAsync("/api/calendar/google");
        var body = await answer.Content.ReadAsStringAsync();
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("revokedAtGoogle").GetBoolean(), Is.True);
        Assert.That(Google.Revoked, Does.Contain(refreshToken));
        Assert.That(await Db.ScalarAsync<long>(Host.ConnectionString,
            "SELECT count(*) FROM google_calendar_connections WHERE consultant_id = @id", ("id", consultant.Id)), Is.Zero);
        Assert.That((await StatusAsync(consultant)).GetProperty("connected").GetBoolean(), Is.False);
        Assert.That(await Calendar.SyncAsync(Booking(consultant.Id, NextWeek(9)), CancellationToken.None), Is.Null, "not connected: nothing");
    }

    [Test]
    public async Task Without_a_client_id_connecting_is_refused_naming_google_and_the_status_says_so()
    {
        var unconfigured = ActivatorUtilities.CreateInstance<GoogleCalendarConnections>(Host.Services, Options.Create(new GoogleOptions()));
        using var consultant = await Host.RegisterConsultantAsync();
        var start = await unconfigured.StartAsync(consultant.Id, new Uri("https://localhost"));
        Assert.That(start.Errors.ToDictionary().Keys, Is.EqualTo(new[] { "google" }));
        Assert.That((await unconfigured.GetStatusAsync(consultant.Id)).Configured, Is.False);
    }
}
