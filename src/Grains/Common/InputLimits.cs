using System.Globalization;
namespace Consultant.Grains.Common;

/// <summary>
/// The stated limits of what consultants type about themselves and their clients, in one place (the README's API
/// section lists them). Beyond a limit the answer is 400 naming the field, never a failed database write.
/// </summary>
public static class InputLimits
{
    /// <summary>Account and client names.</summary>
    public const int NameLength = 200;

    /// <summary>The longest address SMTP carries (RFC 5321).</summary>
    public const int EmailLength = 254;

    public const int GoalsLength = 4000;

    /// <summary>A workout plan's title and an exercise's name.</summary>
    public const int TitleLength = 200;

    public const int TopicLength = 300;

    /// <summary>A workout plan's details.</summary>
    public const int DetailsLength = 8000;

    /// <summary>Notes on an exercise log entry, a finance snapshot or a consultation.</summary>
    public const int NotesLength = 4000;

    public const int MaxSets = 100;

    public const int MaxReps = 1000;

    /// <summary>Fits the column (numeric(7, 2)) with room to spare; no lift comes near it.</summary>
    public const decimal MaxWeightKg = 1000m;

    public const int MinConsultationMinutes = 5;

    public const int MaxConsultationMinutes = 480;

    /// <summary>
    /// Amounts are below this (after rounding to cents): the largest the columns (numeric(14, 2)) hold, and still room
    /// for incomes in currencies such as IDR or VND whose monthly figures run into the hundreds of millions.
    /// </summary>
    public const decimal MoneyCeiling = 1_000_000_000_000m;

    /// <summary>An AI provider's API key (a consultant's own, or one of the pool's).</summary>
    public const int AiApiKeyLength = 512;

    /// <summary>Twilio's Auth Token has 32 characters; anything this far off was not copied from the console.</summary>
    public const int MinAuthTokenLength = 16;

    public const int MaxAuthTokenLength = 256;

    /// <summary>Adds "The notes can have at most {max} characters." (the field in words) when the trimmed text is longer.</summary>
    public static void CheckLength(this ValidationErrors errors, string field, string? value, int max)
    {
        if (value is not null && value.Trim().Length > max)
        {
            errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"{FieldLabels.Of(field)} can have at most {max:N0} characters."));
        }
    }

    /// <summary>Adds an error when a given number is outside [min, max].</summary>
    public static void CheckRange(this ValidationErrors errors, string field, decimal? value, decimal min, decimal max)
    {
        if (value is { } number && (number < min || number > max))
        {
            errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"{FieldLabels.Of(field)} must be between {min:0.##} and {max:N0}."));
        }
    }

    /// <summary>An amount of money: not negative and below <see cref="MoneyCeiling"/> once rounded to cents.</summary>
    public static void CheckAmount(this ValidationErrors errors, string field, decimal? value)
    {
        if (value is not { } amount)
        {
            return;
        }

        if (amount < 0)
        {
            errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"{FieldLabels.Of(field)} cannot be negative."));
        }
        else if (Math.Round(amount, 2) >= MoneyCeiling)
        {
            errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"{FieldLabels.Of(field)} must be below {MoneyCeiling:N0}."));
        }
    }
}
