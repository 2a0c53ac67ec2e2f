using System.ComponentModel.DataAnnotations;
using Consultant.Grains.Common;

namespace Consultant.Grains.Accounts;

/// <summary>Defaults for a consultant's settings until they choose their own (Account page).</summary>
public sealed class ConsultantOptions : IValidatableObject
{
    public const string Section = "Consultant";

    /// <summary>IANA time zone of "today" and "this week" for a consultant who has not chosen one.</summary>
    public string DefaultTimeZone { get; set; } = "Europe/Rome";

    /// <summary>The country assumed for a phone number typed without "+", until the consultant chooses one.</summary>
    public string DefaultCountry { get; set; } = "IT";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TimeZones.Find(DefaultTimeZone) is null)
        {
            yield return new ValidationResult(
                $"Consultant:DefaultTimeZone '{DefaultTimeZone}' is not an IANA time zone (e.g. Europe/Rome).", [nameof(DefaultTimeZone)]);
        }

        if (!PhoneNumberNormalizer.IsSupportedCountry(DefaultCountry))
        {
            yield return new ValidationResult(
                $"Consultant:DefaultCountry '{DefaultCountry}' is not a two-letter country code (e.g. IT).", [nameof(DefaultCountry)]);
        }
    }
}
