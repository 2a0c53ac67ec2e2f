namespace Consultant.Grains.Accounts;

/// <summary>
/// A capability that planned times in a zone and must plan them again when it changes (follow-ups kept out of the
/// contact's quiet hours): told after the consultant's zone changed (<see cref="AccountSettingsService"/>) and after a
/// contact's (<c>Booking/ContactTimeZones</c>). Implemented outside Accounts, so Accounts depends on none.
/// </summary>
public interface ITimeZoneListener
{
    /// <param name="contactAddress">The contact whose zone changed; null when it was the consultant's, the zone of every contact without one of their own.</param>
    Task TimeZoneChangedAsync(Guid consultantId, string? contactAddress);
}
