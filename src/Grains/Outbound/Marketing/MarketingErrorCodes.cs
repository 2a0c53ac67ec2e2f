namespace Consultant.Grains.Outbound.Marketing;

/// <summary>WhatsApp's marketing refusals, which arrive in failed status callbacks, not in the send's response.</summary>
public static class MarketingErrorCodes
{
    /// <summary>The contact stopped marketing messages from this business: skip them from now on.</summary>
    public const int StoppedMarketing = 131050;

    /// <summary>WhatsApp's per-user marketing limit (Twilio may report it as 63049): try that contact again later.</summary>
    public const int MarketingLimit = 131049;

    public const int TwilioMarketingLimit = 63049;

    public static bool IsMarketingLimit(int? code) => code is MarketingLimit or TwilioMarketingLimit;
}
