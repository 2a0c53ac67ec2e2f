using Consultant.Grains.Accounts;
using Consultant.Grains.Common;

namespace Consultant.Grains.Booking;

/// <summary>A consultant's availability for the settings page and the API, in the account's time zone.</summary>
public sealed class AvailabilityService(AvailabilityStore store, AccountSettingsService accounts)
{
    /// <summary>What is saved, or the defaults (Monday to Friday 09:00–18:00, 60 minutes, 2 hours' notice, 21 days ahead).</summary>
    public async Task<BookingAvailability> GetAsync(Guid consultantId)
    {
        var zone = (await accounts.GetCalendarAsync(consultantId)).TimeZone;
        return await store.GetAsync(consultantId, zone) ?? BookingAvailability.Default(zone);
    }

    /// <summary>Replaces the availability; each fault is named (<see cref="AvailabilityRules"/>) and nothing is saved then.</summary>
    public async Task<Result<BookingAvailability>> SaveAsync(Guid consultantId, AvailabilityInput input)
    {
        var zone = (await accounts.GetCalendarAsync(consultantId)).TimeZone;
        var checkedInput = AvailabilityRules.Check(input, zone);
        if (checkedInput.Value is { } availability)
        {
            await store.SaveAsync(consultantId, availability);
        }

        return checkedInput;
    }
}
