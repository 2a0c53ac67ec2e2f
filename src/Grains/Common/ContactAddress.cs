using System.Text.RegularExpressions;

namespace Consultant.Grains.Common;

/// <summary>
/// Who a WhatsApp contact is: a phone number (E.164) or, for a user with a WhatsApp username, the business-scoped
/// user id Meta gives us instead (BSUID: two uppercase letters, a dot, up to 128 letters and digits, e.g.
/// US.13491208655302741918; a parent id has ENT in between, e.g. US.ENT.11815799212886844830). A BSUID is kept
/// exactly as received: Twilio takes it back as "whatsapp:US.…" to reply.
/// </summary>
public static partial class ContactAddress
{
    /// <summary>The contact's address from Twilio's From field ("whatsapp:+39…" or "whatsapp:US.…"); null when it is neither.</summary>
    public static string? FromWhatsApp(string? raw)
    {
        if (PhoneNumberNormalizer.ContactFromWhatsApp(raw) is { } phone)
        {
            return phone;
        }

        var stripped = PhoneNumberNormalizer.StripWhatsAppPrefix(raw?.Trim() ?? string.Empty);
        return IsBsuid(stripped) ? stripped : null;
    }

    /// <summary>
    /// Twilio's WaId: the contact's phone as digits without "+" (393471234567), or a BSUID for a contact known by
    /// one; null when it is neither.
    /// </summary>
    public static string? FromWaId(string? raw)
    {
        var text = raw?.Trim() ?? string.Empty;
        if (text.Length > 0 && text.All(char.IsAsciiDigit))
        {
            return PhoneNumberNormalizer.ContactFromWhatsApp("+" + text);
        }

        return FromWhatsApp(text);
    }

    public static bool IsBsuid(string? address) => address is not null && BsuidPattern().IsMatch(address);

    /// <summary>"bsuid" or "phone", as the API names the kind of contact.</summary>
    public static string KindOf(string address) => IsBsuid(address) ? "bsuid" : "phone";

    [GeneratedRegex(@"^[A-Z]{2}\.(ENT\.)?[A-Za-z0-9]{1,128}\z", RegexOptions.CultureInvariant)]
    private static partial Regex BsuidPattern();
}
