using Consultant.Grains.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Consultant.Grains.FollowUps;

/// <summary>
/// A zone changed (the consultant's or a contact's): the upcoming follow-ups planned in the old one are placed again
/// from the time their rule gives (<see cref="FollowUpQuietHours.ReplanAsync"/>). Should that fail, the change stands
/// and the sender still checks the contact's quiet hours in their zone of the moment when one falls due.
/// </summary>
/// <remarks>
/// The quiet hours are resolved when needed: they read zones through the services that tell this listener, so taking
/// them in the constructor would make a circle of singletons.
/// </remarks>
public sealed class FollowUpTimeZoneListener(IServiceProvider services, TimeProvider time, ILogger<FollowUpTimeZoneListener> logger) : ITimeZoneListener
{
    public async Task TimeZoneChangedAsync(Guid consultantId, string? contactAddress)
    {
        try
        {
            await services.GetRequiredService<FollowUpQuietHours>().ReplanAsync(consultantId, contactAddress, time.GetUtcNow());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "The follow-ups of consultant {ConsultantId} could not be planned again after a time-zone change", consultantId);
        }
    }
}
