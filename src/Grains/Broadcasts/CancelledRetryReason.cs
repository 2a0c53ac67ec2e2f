using Consultant.Grains.Outbound.Marketing;

namespace Consultant.Grains.Broadcasts;

/// <summary>
/// Why a contact held back by WhatsApp (marketing or rate limit) is not tried again: the broadcast was cancelled. Stored
/// as the recipient's reason and as its try's error, so the report and the chat say what happened instead of waiting.
/// </summary>
public static class CancelledRetryReason
{
    public static string For(int? errorCode) => errorCode switch
    {
        null => "Not tried again: the broadcast was cancelled.",
        _ when MarketingErrorCodes.IsMarketingLimit(errorCode) =>
            $"WhatsApp's marketing limit for this contact was reached (error {errorCode}); not tried again: the broadcast was cancelled.",
        _ => $"WhatsApp's rate limit for this number was reached (error {errorCode}); not tried again: the broadcast was cancelled.",
    };
}
