using Consultant.Grains.Abstractions;
using PhoneNumbers;

namespace Consultant.Grains.Common;

/// <summary>Normalises phone numbers to E.164 with libphonenumber.</summary>
public static class PhoneNumberNormalizer
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// What to type, when a number without "+" is read as one of <paramref name="defaultCountry"/>; the example is a number
    /// of that country (an Italian consultant was shown a US number).
    /// </summary>
    public static string FormatHintFor(string defaultCountry) =>
        $"Use the international format with country code (e.g. {ExampleNumber(defaultCountry)}), or a number of your default country ({defaultCountry}, on the Account settings page).";

    /// <summary>The ISO 3166 two-letter countries libphonenumber knows numbers of, sorted.</summary>
    public static IReadOnlyList<string> SupportedCountries { get; } = Util.GetSupportedRegions().Order(StringComparer.Ordinal).ToList();

    /// <summary>Whether libphonenumber knows numbers of this country (two upper-case letters).</summary>
    public static bool IsSupportedCountry(string? code) => code is { Length: 2 } && Util.GetSupportedRegions().Contains(code);

    /// <summary>
    /// Accepts spaces, dashes, brackets and a "whatsapp:" prefix. A number without "+" (or "00") is read as one of
    /// <paramref name="defaultCountry"/>; without a default country the number must carry its country code.
    /// </summary>
    public static bool TryNormalize(string? raw, out string e164, string? defaultCountry = null)
    {
        e164 = string.Empty;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return false;
        }

        var text = StripWhatsAppPrefix(raw.Trim());
        if (text.StartsWith("00", StringComparison.Ordinal))
        {
            text = "+" + text[2..];
        }

        try
        {
            var parsed = Util.Parse(text, defaultCountry); // a leading + wins over the default
            if (!Util.IsValidNumber(parsed))
            {
                return false;
            }

            e164 = Util.Format(parsed, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>
    /// A number written for people, in international format (+39 347 555 1234), as the dashboard lists contacts and
    /// clients and as a message about a number names it; a simulator's address without its prefix; anything
    /// libphonenumber does not know as it is.
    /// </summary>
    public static string ForPeople(string address)
    {
        var phone = ConversationKey.ContactPhone(address);
        try
        {
            var parsed = Util.Parse(phone, null);
            return Util.IsValidNumber(parsed) ? Util.Format(parsed, PhoneNumberFormat.INTERNATIONAL) : phone;
        }
        catch (NumberParseException)
        {
            return phone;
        }
    }

    /// <summary>
    /// The contact's number from Twilio's From field ("whatsapp:+5511..."): E.164 when libphonenumber knows it,
    /// otherwise the digits as Twilio sent them; null when it is not a phone number at all.
    /// </summary>
    public static string? ContactFromWhatsApp(string? raw) => raw is null ? null : ContactsFromWhatsApp.Get(raw);

    private static readonly AddressMemo<string?> ContactsFromWhatsApp = new(ParseContactFromWhatsApp, whatsAppPrefixMatters: false);

    private static string? ParseContactFromWhatsApp(string raw)
    {
        if (TryNormalize(raw, out var e164))
        {
            return e164;
        }

        var stripped = StripWhatsAppPrefix(raw?.Trim() ?? string.Empty);
        return stripped.Length is >= 8 and <= 16 && stripped[0] == '+' && stripped[1..].All(char.IsAsciiDigit) ? stripped : null;
    }

    /// <summary>
    /// A mobile number of <paramref name="country"/> for a simulated contact, in international format: libphonenumber's
    /// example number (for the US one in the 555-01xx range kept for fiction) with its last two digits from
    /// <paramref name="variant"/>. The simulator never sends to it.
    /// </summary>
    public static string ExampleNumber(string country, int variant)
    {
        var example = Util.GetExampleNumberForType(country, PhoneNumberType.MOBILE) ?? Util.GetExampleNumber(country);
        if (example is null)
        {
            return "+1 202-555-01" + (Math.Abs(variant) % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
        }

        var varied = new PhoneNumber.Builder().MergeFrom(example)
            .SetNationalNumber(example.NationalNumber / 100 * 100 + (ulong)(Math.Abs(variant) % 100)).Build();
        return Util.Format(Util.IsValidNumber(varied) ? varied : example, PhoneNumberFormat.INTERNATIONAL);
    }

    /// <summary>
    /// A mobile number of <paramref name="country"/> as a hint shows what to type (+39 312 345 6789 for IT):
    /// libphonenumber's own example, unchanged.
    /// </summary>
    public static string ExampleNumber(string country)
    {
        var example = Util.GetExampleNumberForType(country, PhoneNumberType.MOBILE) ?? Util.GetExampleNumber(country);
        return example is null ? "+1 201-555-0123" : Util.Format(example, PhoneNumberFormat.INTERNATIONAL);
    }

    public static string StripWhatsAppPrefix(string value) =>
        value.StartsWith("whatsapp:", StringComparison.OrdinalIgnoreCase) ? value["whatsapp:".Length..].Trim() : value;
}
