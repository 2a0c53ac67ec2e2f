using Consultant.Grains.Abstractions;
using Microsoft.Extensions.Logging;

namespace Consultant.Grains.Media;

/// <summary>
/// The media announced with an inbound message: recorded with the message, then downloaded and analysed in the media
/// grains, never inside the webhook's request.
/// </summary>
public sealed partial class InboundMediaWork(MediaRepository media, IGrainFactory grains, TimeProvider time, ILogger<InboundMediaWork> logger)
{
    public Task<IReadOnlyList<Guid>> RecordAsync(Guid consultantId, Guid messageId, IReadOnlyList<InboundMedia> files) =>
        media.RecordInboundAsync(consultantId, messageId, files, time.GetUtcNow());

    public void Start(Guid consultantId, IEnumerable<Guid> mediaIds)
    {
        foreach (var mediaId in mediaIds)
        {
            try
            {
                grains.GetGrain<IMediaFileGrain>(MediaFileKey.Format(consultantId, mediaId)).StartAsync().Ignore();
            }
            catch (Exception ex)
            {
                // The reply waiting for it, or the recovery sweep, starts it again.
                StartFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A media download could not be started; the reply or the recovery sweep starts it again")]
    private static partial void StartFailed(ILogger logger, Exception exception);
}
