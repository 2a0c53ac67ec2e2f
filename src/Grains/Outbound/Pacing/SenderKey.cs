using Consultant.Grains.Abstractions;

namespace Consultant.Grains.Outbound.Pacing;

/// <summary>
/// Which pacer a consultant's automated sends share: their Twilio account and number, "{AccountSid}/{number}" (so two
/// consultants of one account on one number share it, and consultants of different accounts on the Sandbox number do
/// not); a consultant without Twilio (simulator only) has a pacer of their own.
/// </summary>
public static class SenderKey
{
    public static string Of(Guid consultantId, ConsultantReplySettings? settings) =>
        settings is null || settings.AccountSid.Length == 0
            ? $"consultant:{consultantId:N}"
            : $"{settings.AccountSid}/{settings.WhatsAppNumber}";
}
