using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Booking;
using Consultant.Grains.Calendar;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>One database, a fake Twilio, a fake Google (OAuth and Calendar) and one product host per test class.</summary>
public abstract class GoogleCalendarFixture
{
    protected FakeGoogle Google { get; private set; } = null!;

    protected SiloHost Host { get; private set; } = null!;

    private FakeTwilio twilio = null!;

    [OneTimeSetUp]
    public async Task StartHostAsync()
    {
        twilio = await FakeTwilio.StartAsync();
        Google = await FakeGoogle.StartAsync();
        Host = new SiloHost(await TestPostgres.CreateDatabaseAsync(), twilio.BaseUrl, settings: Google.Settings);
        Host.StartServer();
    }

    [OneTimeTearDown]
    public async Task StopHostAsync()
    {
        await Host.DisposeAsync();
        await Google.DisposeAsync();
        await twilio.DisposeAsync();
    }

    /// <summary>The Google Calendar the booking service asks (registered as an <see cref="IBookingCalendar"/>).</summary>
    protected IBookingCalendar Calendar => Host.Services.GetServices<IBookingCalendar>().OfType<GoogleCalendar>().Single();

    /// <summary>A consultant signed in to the API and to the dashboard (the callback needs the dashboard's session).</summary>
    protected async Task<(ApiConsultant Api, DashboardSession Dashboard)> NewConsultantAsync()
    {
        var api = await Host.RegisterConsultantAsync();
        return (api, await DashboardSession.SignInAsync(Host, api.Email, api.Password));
    }

    protected static async Task<Uri> ConsentLinkAsync(ApiConsultant consultant)
    {
        var response = await consultant.Http.PostAsync("/api/calendar/google/connect", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return new Uri(JsonDocument.Parse(body).RootElement.GetProperty("authorizationUrl").GetString()!);
    }

    /// <summary>The browser at Google's consent screen: where Google sends it back (the callback with code and state).</summary>
    protected async Task<Uri> ConsentAsync(Uri consentLink)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var answer = await browser.GetAsync(consentLink);
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await answer.Content.ReadAsStringAsync());
        return answer.Headers.Location!;
    }

    /// <summary>The browser back at the callback with the dashboard's session: where it is sent next.</summary>
    protected static async Task<string> ReturnAsync(DashboardSession dashboard, Uri callback)
    {
        using var answer = await dashboard.Http.GetAsync(callback.PathAndQuery);
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await answer.Content.ReadAsStringAsync());
        return answer.Headers.Location!.ToString();
    }

    protected async Task<ApiConsultant> ConnectedConsultantAsync()
    {
        var (api, dashboard) = await NewConsultantAsync();
        using (dashboard)
        {
            var back = await ReturnAsync(dashboard, await ConsentAsync(await ConsentLinkAsync(api)));
            Assert.That(back, Does.Contain("googleCalendar=connected"));
        }

        return api;
    }

    protected static async Task<JsonElement> StatusAsync(ApiConsultant consultant) =>
        await consultant.Http.GetFromJsonAsync<JsonElement>("/api/calendar/google");

    protected static BookedConsultation Booking(Guid consultantId, DateTimeOffset startsAt, int sequence = 0, string status = BookingStatus.Scheduled, Guid? id = null) =>
        new(id ?? Guid.NewGuid(), consultantId, "+393471234567", null, "Maria Rossi", startsAt, 60, status, sequence, "Training plan", null);

    protected static DateTimeOffset NextWeek(int hour) =>
        new DateTimeOffset(DateTime.UtcNow.Date.AddDays(7), TimeSpan.Zero).AddHours(hour);
}
