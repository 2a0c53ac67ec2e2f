using Consultant.Grains.Common;
using Microsoft.AspNetCore.Http;

namespace Consultant.Api.Inbound;

/// <summary>
/// Who wrote, from an inbound webhook: <see cref="From"/> (a phone number or a BSUID) and any other address the same
/// webhook gives for that contact — WaId (the phone when From is a BSUID, or a BSUID), or a field named …UserId
/// holding a BSUID — so the pair is remembered and the contact stays one conversation.
/// </summary>
public sealed record WebhookContact(string From, IReadOnlyList<string> OtherAddresses)
{
    /// <summary>Null when From is neither a phone number nor a BSUID.</summary>
    public static WebhookContact? Read(IFormCollection form)
    {
        if (ContactAddress.FromWhatsApp(form["From"]) is not { } from)
        {
            return null;
        }

        var others = form
            .Where(field => field.Key.EndsWith("UserId", StringComparison.OrdinalIgnoreCase))
            .Select(field => ContactAddress.FromWhatsApp(field.Value.ToString()))
            .Where(ContactAddress.IsBsuid)
            .Prepend(ContactAddress.FromWaId(form["WaId"]))
            .OfType<string>()
            .Where(address => address != from)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new WebhookContact(from, others);
    }
}
