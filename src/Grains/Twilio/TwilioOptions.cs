using System.ComponentModel.DataAnnotations;

namespace Consultant.Grains.Twilio;

public sealed class TwilioOptions
{
    public const string Section = "Twilio";

    /// <summary>Where every Twilio-shaped request goes: REST calls and media downloads. An emulator in tests.</summary>
    [Required]
    public Uri ApiBaseUrl { get; set; } = new("https://api.twilio.com");

    /// <summary>Twilio's Content API (buttons and lists are created there): content.twilio.com. An emulator in tests.</summary>
    [Required]
    public Uri ContentBaseUrl { get; set; } = new("https://content.twilio.com");

    /// <summary>How long one call to Twilio may take.</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Attempts per message when Twilio fails in a way worth retrying (5xx, 429, network).</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>First back-off between attempts; doubles each time.</summary>
    [Range(0, 60)]
    public double RetryDelaySeconds { get; set; } = 2;

    /// <summary>How long a consultant's decrypted Auth Token is kept for the next webhook (0: decrypted every time).</summary>
    [Range(0, 3600)]
    public int AuthTokenCacheSeconds { get; set; } = 60;
}
