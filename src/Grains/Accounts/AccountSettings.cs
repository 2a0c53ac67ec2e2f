namespace Consultant.Grains.Accounts;

/// <summary>
/// A consultant's settings as they apply: what they chose, or the default where they chose nothing.
/// </summary>
/// <param name="TimeZone">IANA id, e.g. Europe/Rome.</param>
/// <param name="UiCulture">The dashboard's language: it or en.</param>
/// <param name="DefaultCountry">ISO 3166 two letters, assumed for a phone number typed without "+".</param>
public sealed record AccountSettings(string TimeZone, string UiCulture, string DefaultCountry);
