using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Consultant.Grains.Common;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Calendar;

/// <summary>
/// The Calendar REST API v3 calls the booking sync needs, on the consultant's primary calendar, with an access token.
/// A failed call throws <see cref="GoogleRequestException"/> saying how it failed.
/// </summary>
public sealed class GoogleCalendarApi(IHttpClientFactory httpClients, IOptions<GoogleOptions> options)
{
    private const string Primary = "primary";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<IReadOnlyList<TimeRange>> BusyAsync(string accessToken, TimeRange range, CancellationToken cancellationToken)
    {
        var answer = await SendAsync<GoogleFreeBusyResponse>(accessToken, HttpMethod.Post, "freeBusy",
            new GoogleFreeBusyRequest(range.Start, range.End, [new GoogleFreeBusyItem(Primary)]), "The busy times", cancellationToken);
        var calendar = answer.Calendars?.GetValueOrDefault(Primary);
        if (calendar?.Errors is { Count: > 0 } errors)
        {
            throw new GoogleRequestException(GoogleFailure.Unavailable, null, $"The busy times: Google answered {errors[0].Reason}.");
        }

        return (calendar?.Busy ?? []).Select(busy => new TimeRange(busy.Start, busy.End)).ToList();
    }

    /// <summary>events.insert with <c>conferenceDataVersion=1</c>, so a <c>createRequest</c> in the body makes a Meet link.</summary>
    public Task<GoogleEvent> InsertAsync(string accessToken, GoogleEvent calendarEvent, CancellationToken cancellationToken) =>
        SendAsync<GoogleEvent>(accessToken, HttpMethod.Post, $"calendars/{Primary}/events?conferenceDataVersion=1", calendarEvent,
            "Adding the booking", cancellationToken);

    public Task<GoogleEvent> PatchAsync(string accessToken, string eventId, GoogleEvent changes, CancellationToken cancellationToken) =>
        SendAsync<GoogleEvent>(accessToken, HttpMethod.Patch, $"calendars/{Primary}/events/{Uri.EscapeDataString(eventId)}", changes,
            "Moving the booking", cancellationToken);

    public Task<GoogleEvent> GetAsync(string accessToken, string eventId, CancellationToken cancellationToken) =>
        SendAsync<GoogleEvent>(accessToken, HttpMethod.Get, $"calendars/{Primary}/events/{Uri.EscapeDataString(eventId)}", null,
            "Reading the booking", cancellationToken);

    public async Task DeleteAsync(string accessToken, string eventId, CancellationToken cancellationToken)
    {
        using var response = await CallAsync(accessToken, HttpMethod.Delete, $"calendars/{Primary}/events/{Uri.EscapeDataString(eventId)}", null,
            "Removing the booking", cancellationToken);
    }

    private async Task<T> SendAsync<T>(string accessToken, HttpMethod method, string path, object? body, string what, CancellationToken cancellationToken)
    {
        using var response = await CallAsync(accessToken, method, path, body, what, cancellationToken);
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                ?? throw new GoogleRequestException(GoogleFailure.Unavailable, response.StatusCode, $"{what}: Google's answer was empty.");
        }
        catch (JsonException ex)
        {
            throw new GoogleRequestException(GoogleFailure.Unavailable, response.StatusCode, $"{what}: Google's answer could not be read.", ex);
        }
    }

    private async Task<HttpResponseMessage> CallAsync(
        string accessToken, HttpMethod method, string path, object? body, string what, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, GoogleOptions.Under(options.Value.CalendarApiBaseUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        HttpResponseMessage response;
        try
        {
            using var http = httpClients.CreateClient(GoogleOAuthClient.HttpClientName);
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw GoogleRequestException.Unreachable(what, ex);
        }

        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            throw GoogleRequestException.FromAnswer(response.StatusCode, oauthError: null, what);
        }

        return response;
    }
}
