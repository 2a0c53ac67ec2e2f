namespace Consultant.Grains.Booking;

/// <summary>A contact's time zone (IANA id) and where it comes from.</summary>
/// <param name="Source">"consultant" (chosen for this conversation), "phone" (guessed from the number), "account" (the
/// consultant's own zone, for a contact without a number).</param>
public sealed record ContactTimeZone(string TimeZone, string Source)
{
    public const string FromConsultant = "consultant";
    public const string FromPhone = "phone";
    public const string FromAccount = "account";
}
