namespace Consultant.Grains.Accounts;

/// <summary>
/// A change of settings: null leaves a field as it is, empty text returns it to its default (the configuration's time
/// zone and country, the browser's language).
/// </summary>
public sealed record AccountSettingsInput(string? TimeZone, string? UiCulture, string? DefaultCountry);
