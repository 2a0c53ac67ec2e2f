namespace Consultant.Grains.Accounts;

/// <summary>The row as stored: a null field was never chosen and follows its default.</summary>
public sealed record StoredAccountSettings(string? TimeZone, string? UiCulture, string? DefaultCountry)
{
    public static readonly StoredAccountSettings None = new(null, null, null);
}
