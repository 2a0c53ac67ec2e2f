using System.ComponentModel.DataAnnotations;

namespace Consultant.Grains.Twilio;

public sealed class TwilioOptions
{
    public const string Section = "Twilio";

    /// <summary>Where every Twilio-shaped request goes: REST calls and media downloads. An emulator in tests.</summary>
    [Required]
    public Uri ApiBaseUrl { get; set; } = new("https://api.twilio.com");

    /// <summary>How long one call to Twilio may take.</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 30;
}
