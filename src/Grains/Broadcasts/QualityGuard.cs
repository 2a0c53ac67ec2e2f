using Microsoft.Extensions.Options;

namespace Consultant.Grains.Broadcasts;

/// <summary>
/// Pauses a broadcast whose latest sends fail too often (more than <see cref="BroadcastOptions.QualityMaxFailedShare"/>
/// of the last <see cref="BroadcastOptions.QualityWindow"/>): WhatsApp restricts numbers whose messages fail.
/// </summary>
public sealed class QualityGuard(BroadcastStore store, BroadcastReportQueries reports, BroadcastTries tries, IOptions<BroadcastOptions> options, TimeProvider time)
{
    /// <summary>Pauses the running broadcast when its quality is too low; returns whether it did.</summary>
    public async Task<bool> PauseIfPoorAsync(Guid consultantId, Guid id)
    {
        var o = options.Value;
        var (failed, considered) = await reports.QualityAsync(consultantId, id, o.QualityWindow);
        if (considered < Math.Min(o.QualityMinimumSends, o.QualityWindow) || failed <= o.QualityMaxFailedShare * considered)
        {
            return false;
        }

        var reason = $"Paused by the quality guard: {failed} of the last {considered} messages failed (more than "
            + $"{o.QualityMaxFailedShare.ToString("P0", System.Globalization.CultureInfo.InvariantCulture)}). WhatsApp restricts numbers whose "
            + "messages often fail: check the reasons in the report, then resume.";
        if (!await store.MoveAsync(consultantId, id, [BroadcastStatus.Running], BroadcastStatus.Paused, reason, time.GetUtcNow()))
        {
            return false;
        }

        await tries.PausedOrResumedAsync(consultantId, id);
        return true;
    }
}
