using Consultant.Grains.Abstractions;

namespace Consultant.Grains.Broadcasts;

/// <summary>Tells the consultant's dashboards a broadcast's status and counts (<see cref="DashboardEventNames.BroadcastUpdated"/>).</summary>
public sealed class BroadcastProgressPublisher(BroadcastStore store, BroadcastReportQueries reports, IGrainFactory grains)
{
    public async Task PublishAsync(Guid consultantId, Guid id)
    {
        if (await store.FindAsync(consultantId, id) is not { } broadcast)
        {
            return;
        }

        var c = await reports.CountsAsync(consultantId, id);
        var progress = new BroadcastProgress(
            id, broadcast.Status, broadcast.StatusReason, c.Total, c.Queued, c.Sent, c.Delivered, c.Read, c.Failed, c.Skipped, c.Replied);
        await grains.GetGrain<IConsultantEventsGrain>(consultantId)
            .PublishAsync(new DashboardEvent(consultantId, DashboardEventNames.BroadcastUpdated, null, null, progress));
    }
}
