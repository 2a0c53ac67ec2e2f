using Consultant.Grains.Abstractions;
using Consultant.Grains.Ai;
using Consultant.Grains.Clients;
using Consultant.Grains.Twilio;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Media;

/// <summary>
/// Downloads one media file and has it analysed; one activation in the cluster, so a file is fetched once even
/// when the webhook, the reply waiting for it and the recovery sweep all ask. The outcome lives in the table
/// (whatsapp_media_files), so the grain keeps no state of its own.
/// </summary>
[GrainType("media-file")]
public sealed partial class MediaFileGrain(
    MediaRepository media,
    ChatMessageViews views,
    ClientRepository clients,
    TwilioMediaDownloader downloader,
    IMediaStore store,
    MediaAnalyzer analyzer,
    AiReplyGenerator ai,
    WhatsAppSenders senders,
    IOptions<MediaOptions> options,
    TimeProvider time,
    ILogger<MediaFileGrain> logger) : Grain, IMediaFileGrain
{
    private static readonly TimeSpan WorkLimit = TimeSpan.FromMinutes(3);

    public Task StartAsync() => ProcessAsync();

    public async Task ProcessAsync()
    {
        var (consultantId, mediaId) = MediaFileKey.Parse(this.GetPrimaryKeyString());
        var row = await media.FindAsync(consultantId, mediaId);
        if (row is not { State: MediaState.Pending } || await media.StartAttemptAsync(consultantId, mediaId) is not { } attempt)
        {
            return;
        }

        var maxAttempts = options.Value.MaxProcessingAttempts;
        if (attempt > maxAttempts)
        {
            // The last run died without a word (its silo stopped, say): no further run.
            await media.MarkFailedAsync(consultantId, mediaId, MediaProblemText.GaveUp(maxAttempts));
            await PublishUpdateAsync(consultantId, row.MessageId);
            return;
        }

        using var limit = new CancellationTokenSource(WorkLimit, time);
        try
        {
            var settings = await GrainFactory.GetGrain<IConsultantGrain>(consultantId).GetReplySettingsAsync();
            var (content, mimeType, fileName) = row.Downloaded
                ? (await store.ReadAllAsync(row.LocalPath!, limit.Token) ?? throw new MediaRefusedException(MediaProblemText.StoredFileMissing), row.MimeType!, row.FileName)
                : await DownloadAsync(row, senders.From(settings), limit.Token);

            var client = await clients.FindByContactAsync(consultantId, ConversationKey.ContactPhone(row.ContactPhone));
            AskAi ask = (prompt, cancellationToken) =>
                ai.GenerateAsync(consultantId, row.ContactPhone, settings, forClient: client is not null, prompt, cancellationToken);
            var outcome = await analyzer.AnalyseAsync(content, mimeType, fileName, ask, limit.Token);
            if (outcome?.Error is { } error)
            {
                await media.MarkFailedAsync(consultantId, mediaId, error, outcome.ExtractedText);
            }
            else
            {
                await media.MarkDoneAsync(consultantId, mediaId, outcome?.Analysis, outcome?.ExtractedText, outcome?.Metadata);
            }
        }
        catch (Exception ex) when (ex is MediaRefusedException or MediaDownloadException)
        {
            Refused(logger, mediaId, ex.Message);
            await media.MarkFailedAsync(consultantId, mediaId, ex.Message);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            await media.MarkFailedAsync(consultantId, mediaId, MediaProblemText.TookTooLong);
        }
        catch (Exception ex)
        {
            // Unexpected (the database refused a write, a timeout of our own, say): this run counted; the sweep starts another until the last.
            ProcessingFailed(logger, ex, mediaId, attempt, maxAttempts);
            if (attempt < maxAttempts)
            {
                return;
            }

            await media.MarkFailedAsync(consultantId, mediaId, MediaProblemText.GaveUp(maxAttempts));
        }

        await PublishUpdateAsync(consultantId, row.MessageId);
    }

    private async Task PublishUpdateAsync(Guid consultantId, Guid messageId)
    {
        if (await views.FindAsync(consultantId, messageId) is { } message)
        {
            GrainFactory.GetGrain<IConsultantEventsGrain>(consultantId)
                .PublishAsync(new DashboardEvent(consultantId, DashboardEventNames.MediaUpdated, message, null)).Ignore();
        }
    }

    /// <summary>Fetches the file from Twilio, checks its type by its bytes, and stores it.</summary>
    private async Task<(byte[] Content, string MimeType, string FileName)> DownloadAsync(
        MediaFileRow row, WhatsAppSender? sender, CancellationToken cancellationToken)
    {
        if (sender is null || row.OriginalUrl is null || !Uri.TryCreate(row.OriginalUrl, UriKind.Absolute, out var url))
        {
            throw new MediaRefusedException(sender is null ? MediaProblemText.NoCredentials : MediaProblemText.NoUsableAddress);
        }

        var downloaded = await downloader.DownloadAsync(url, sender.Credentials, row.DeclaredMimeType, cancellationToken);
        var mimeType = ContentType(downloaded.Content, row.DeclaredMimeType);
        var settings = options.Value;
        if (MediaKind.OfMimeType(mimeType) == MediaKind.Image && downloaded.Content.Length > settings.MaxImageBytes)
        {
            throw new MediaRefusedException(MediaProblemText.TooLarge(downloaded.Content.Length, settings.MaxImageBytes));
        }

        var fileName = $"media{row.MediaIndex}{MediaSniffer.Extension(mimeType)}";
        var path = await store.SaveAsync(row.ConsultantId, row.MessageId, fileName, downloaded.Content, cancellationToken);
        await media.MarkDownloadedAsync(row.ConsultantId, row.Id, mimeType, fileName, downloaded.Content.Length, path, time.GetUtcNow());
        return (downloaded.Content, mimeType, fileName);
    }

    /// <summary>
    /// The type the bytes show. A file claiming to be an image, PDF or audio must be one (of any such type); a file
    /// whose bytes show none of them keeps its declared type and is only offered as a download.
    /// </summary>
    private static string ContentType(byte[] content, string? declared)
    {
        var sniffed = MediaSniffer.Sniff(content.AsSpan(0, Math.Min(content.Length, 64)));
        var claimed = MediaKind.OfMimeType(declared);
        if (claimed == MediaKind.Audio && sniffed == "video/mp4")
        {
            sniffed = "audio/mp4"; // a voice note in an mp4 container with a generic brand
        }

        if (claimed != MediaKind.Other && MediaKind.OfMimeType(sniffed) != claimed)
        {
            throw new MediaRefusedException(MediaProblemText.NotWhatItClaims(declared, claimed));
        }

        return sniffed ?? declared?.Split(';')[0].Trim().ToLowerInvariant() ?? "application/octet-stream";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Processing media {MediaId} failed (attempt {Attempt} of {MaxAttempts})")]
    private static partial void ProcessingFailed(ILogger logger, Exception exception, Guid mediaId, int attempt, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Media {MediaId} was not downloaded: {Reason}")]
    private static partial void Refused(ILogger logger, Guid mediaId, string reason);
}
