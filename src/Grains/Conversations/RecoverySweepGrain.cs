using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;
using Consultant.Grains.Inbound;
using Consultant.Grains.Inbox;
using Consultant.Grains.Media;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Conversations;

[GrainType("recovery-sweep")]
public sealed partial class RecoverySweepGrain(
    InboundMessageStore inbound,
    DeliveryStatusStore deliveryStatuses,
    MediaRepository media,
    IdempotentSends idempotentSends,
    IOptions<WhatsAppOptions> options,
    TimeProvider time,
    ILogger<RecoverySweepGrain> logger) : Grain, IRecoverySweepGrain, IRemindable
{
    private const string SweepReminder = "sweep";
    private const int MaxConversationsPerSweep = 2000;
    private const int WakesAtOnce = 32;
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    // Longer than a download with every retry plus an analysis (the media grain's own limit is 3 minutes).
    private static readonly TimeSpan MediaStallAfter = TimeSpan.FromMinutes(5);

    // A conversation answering normally is done well within this after its last message.
    private TimeSpan Margin => TimeSpan.FromSeconds(options.Value.DebounceSeconds) + TimeSpan.FromMinutes(1);

    public async Task EnsureScheduledAsync()
    {
        if (await this.GetReminder(SweepReminder) is null)
        {
            await this.RegisterOrUpdateReminder(SweepReminder, Period, Period);
        }
    }

    public async Task<int> SweepAsync(TimeSpan minimumAge)
    {
        var owing = await inbound.FindConversationsOwingAReplyAsync(time.GetUtcNow() - minimumAge, MaxConversationsPerSweep);
        // In chunks on the grain's own scheduler (Parallel.ForEachAsync would leave it, which Orleans refuses).
        foreach (var chunk in owing.Chunk(WakesAtOnce))
        {
            await Task.WhenAll(chunk.Select(c =>
                GrainFactory.GetGrain<IConversationGrain>(ConversationKey.Format(c.ConsultantId, c.ContactPhone)).WakeAsync()));
        }

        if (owing.Count > 0)
        {
            Woke(logger, owing.Count);
        }

        return owing.Count;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await SweepAsync(Margin);
        await RestartStalledMediaAsync(MediaStallAfter);
        await deliveryStatuses.ForgetStaleEarlyCallbacksAsync(time.GetUtcNow() - TimeSpan.FromDays(1));
        await idempotentSends.ForgetExpiredAsync();
    }

    /// <summary>Media whose download or analysis died with a silo start again (a media grain does its work once).</summary>
    public async Task<int> RestartStalledMediaAsync(TimeSpan minimumAge)
    {
        var stalled = await media.FindStalledAsync(time.GetUtcNow() - minimumAge, MaxConversationsPerSweep);
        foreach (var (consultantId, mediaId) in stalled)
        {
            await GrainFactory.GetGrain<IMediaFileGrain>(MediaFileKey.Format(consultantId, mediaId)).StartAsync();
        }

        return stalled.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovery sweep woke {Count} conversation(s) owing a reply")]
    private static partial void Woke(ILogger logger, int count);
}
