using Consultant.Grains.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Outbound.Pacing;

/// <summary>
/// The send slots of one sender (<see cref="SenderKey"/>). Each call only reserves a moment and returns at once, so the
/// grain never waits and callers from every silo share one schedule. Kept in memory: after a restart the next slot is
/// simply "now".
/// </summary>
[GrainType("sender-pacer")]
public sealed class SenderPacerGrain(IOptions<SenderPacingOptions> options, [FromKeyedServices(SenderPacingClock.Key)] TimeProvider time) : Grain, ISenderPacerGrain
{
    private readonly SendSlots slots = new(options.Value.MessagesPerSecond);

    public Task<DateTimeOffset> TakeSlotAsync() => Task.FromResult(slots.Take(time.GetUtcNow()));
}
