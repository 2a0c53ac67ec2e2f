using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;
using PhoneNumbers;

namespace Consultant.Grains.Booking;

/// <summary>
/// A contact's time zone guessed from their number with libphonenumber's time-zone mapper. A number whose prefix spans
/// several zones (a US toll-free or mobile range, Russia, Brazil…) gets the zone where most of its country lives when
/// that is among them, else the first. A simulated contact gets the guess of the number it was written as (the
/// simulator's "sim:+44…" as a real "+44…" contact), so trying the assistant shows what a real contact would get. A
/// WhatsApp user id (US.1349…) carries no number: null.
/// </summary>
public static class ContactTimeZoneGuess
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    private static readonly PhoneNumberToTimeZonesMapper Mapper = PhoneNumberToTimeZonesMapper.GetInstance();

    // The most populous zone of countries whose numbers may span several (a UK mobile also covers Jersey, Guernsey and
    // the Isle of Man; an Italian one the Vatican).
    private static readonly Dictionary<string, string> MainZoneOfCountry = new(StringComparer.Ordinal)
    {
        ["US"] = "America/New_York", ["CA"] = "America/Toronto", ["MX"] = "America/Mexico_City", ["BR"] = "America/Sao_Paulo",
        ["AR"] = "America/Argentina/Buenos_Aires", ["RU"] = "Europe/Moscow", ["AU"] = "Australia/Sydney", ["ID"] = "Asia/Jakarta",
        ["KZ"] = "Asia/Almaty", ["CL"] = "America/Santiago", ["ES"] = "Europe/Madrid", ["PT"] = "Europe/Lisbon",
        ["GB"] = "Europe/London", ["IT"] = "Europe/Rome", ["FR"] = "Europe/Paris", ["NO"] = "Europe/Oslo", ["FI"] = "Europe/Helsinki",
        ["NL"] = "Europe/Amsterdam", ["DK"] = "Europe/Copenhagen", ["CD"] = "Africa/Kinshasa", ["MN"] = "Asia/Ulaanbaatar", ["EC"] = "America/Guayaquil", ["NZ"] = "Pacific/Auckland",
    };

    /// <summary>The zone's IANA id; null when the address is no phone number, or its zone is unknown.</summary>
    public static string? FromAddress(string? contactAddress) =>
        contactAddress is null || ContactAddress.IsBsuid(ConversationKey.ContactPhone(contactAddress))
            ? null
            : Zones.Get(ConversationKey.ContactPhone(contactAddress));

    private static readonly AddressMemo<string?> Zones = new(ZoneOfNumber);

    private static string? ZoneOfNumber(string contactAddress)
    {

        PhoneNumber number;
        try
        {
            number = Util.Parse(contactAddress, null);
        }
        catch (NumberParseException)
        {
            return null;
        }

        var zones = Mapper.GetTimeZonesForNumber(number)
            .Select(TimeZones.Find).OfType<string>().ToList(); // drops Etc/Unknown and anything NodaTime does not know
        if (zones.Count <= 1)
        {
            return zones.FirstOrDefault();
        }

        // The number's own country first (a Canadian +1 number), then the main country of its calling code (+44: GB).
        var countries = new[] { Util.GetRegionCodeForNumber(number), Util.GetRegionCodeForCountryCode(number.CountryCode) };
        return countries.OfType<string>()
            .Select(country => MainZoneOfCountry.GetValueOrDefault(country))
            .FirstOrDefault(main => main is not null && zones.Contains(main, StringComparer.Ordinal)) ?? zones[0];
    }
}
