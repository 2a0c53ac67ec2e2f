using System.ComponentModel.DataAnnotations;

namespace Consultant.Grains.Calendar;

/// <summary>
/// The operator's Google OAuth client (a "Web application" client in Google Cloud) and where Google is reached; the
/// addresses point at an emulator in tests. Without a client id the settings page says the operator must set it.
/// </summary>
public sealed class GoogleOptions
{
    public const string Section = "Google";

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Token and revocation endpoints (<c>/token</c>, <c>/revoke</c>).</summary>
    [Required]
    public Uri OAuthBaseUrl { get; set; } = new("https://oauth2.googleapis.com");

    /// <summary>The consent screen the browser is sent to (<c>/o/oauth2/v2/auth</c>).</summary>
    [Required]
    public Uri ConsentBaseUrl { get; set; } = new("https://accounts.google.com");

    /// <summary>The Calendar REST API v3.</summary>
    [Required]
    public Uri CalendarApiBaseUrl { get; set; } = new("https://www.googleapis.com/calendar/v3");

    /// <summary>How long one call to Google may take; a booking waits at most this for its calendar copy.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 15;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);

    /// <summary><paramref name="path"/> under <paramref name="baseUrl"/>, keeping the base's own path.</summary>
    public static Uri Under(Uri baseUrl, string path) => new($"{baseUrl.ToString().TrimEnd('/')}/{path.TrimStart('/')}");
}
