using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;
using PhoneNumbers;

namespace Consultant.Grains.Languages;

/// <summary>
/// A first guess at a contact's language from where their number is: +39 Italian, +34 Spanish, +33 French, +44 and
/// +1 English. A contact known by a WhatsApp user id (US.1349…) has no number: its two country letters are used the
/// same way. Anything else, or nothing to go on, is English.
/// </summary>
public static class CountryLanguage
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    // Countries whose people mostly write one of our four languages other than English.
    private static readonly Dictionary<string, ContactLanguage> ByCountry = new(StringComparer.Ordinal)
    {
        ["IT"] = ContactLanguage.Italian, ["SM"] = ContactLanguage.Italian, ["VA"] = ContactLanguage.Italian,
        ["ES"] = ContactLanguage.Spanish, ["FR"] = ContactLanguage.French, ["MC"] = ContactLanguage.French,
    };

    /// <param name="contactAddress">The contact's E.164 number or WhatsApp user id (a simulator address too).</param>
    public static ContactLanguage Of(string contactAddress) => Languages.Get(ConversationKey.ContactPhone(contactAddress));

    private static readonly AddressMemo<ContactLanguage> Languages = new(address =>
        CountryOf(address) is { } country && ByCountry.TryGetValue(country, out var language) ? language : ContactLanguage.English);

    private static string? CountryOf(string address)
    {
        if (ContactAddress.IsBsuid(address))
        {
            return address[..2];
        }

        try
        {
            return Util.GetRegionCodeForNumber(Util.Parse(address, null));
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
