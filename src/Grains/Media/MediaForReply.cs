using System.Text;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Media;

/// <summary>
/// What the AI is told about media: a reply first waits (at most <c>Media:AnalysisTimeoutSeconds</c>) for its
/// batch's files, then every message of the prompt carries its media in words: a voice note's transcript as if
/// typed, an image's or PDF's analysis as context, and why a file could not be used.
/// </summary>
public sealed partial class MediaForReply(
    MediaRepository media, IGrainFactory grains, IOptions<MediaOptions> options, TimeProvider time, ILogger<MediaForReply> logger)
{
    /// <summary>The history with each message's media described in its text.</summary>
    public async Task<IReadOnlyList<MessageRow>> DescribeAsync(
        Guid consultantId, Guid batchId, IReadOnlyList<MessageRow> history, CancellationToken cancellationToken)
    {
        if (history.All(m => m.NumMedia == 0))
        {
            return history; // the common case costs no query
        }

        if (history.Any(m => m.BatchId == batchId && m.NumMedia > 0))
        {
            await WaitForBatchAsync(consultantId, batchId, cancellationToken);
        }

        var files = await media.ViewsForMessagesAsync(consultantId, history.Where(m => m.NumMedia > 0).Select(m => m.Id).ToList());
        return history
            .Select(message => files.Contains(message.Id)
                ? message with { Body = Describe(message.Body, files[message.Id], sentByContact: message.Direction == "inbound") }
                : message)
            .ToList();
    }

    private async Task WaitForBatchAsync(Guid consultantId, Guid batchId, CancellationToken cancellationToken)
    {
        var pending = (await media.ListForBatchAsync(consultantId, batchId)).Where(f => f.State == MediaState.Pending).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        var work = Task.WhenAll(pending.Select(file =>
            grains.GetGrain<IMediaFileGrain>(MediaFileKey.Format(consultantId, file.Id)).ProcessAsync()));
        try
        {
            await work.WaitAsync(TimeSpan.FromSeconds(options.Value.AnalysisTimeoutSeconds), time, cancellationToken);
        }
        catch (TimeoutException)
        {
            AnalysisLate(logger, batchId, options.Value.AnalysisTimeoutSeconds); // answered without it; the analysis still lands
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            AnalysisFailed(logger, ex, batchId);
        }
    }

    private static string Describe(string body, IEnumerable<MediaView> files, bool sentByContact)
    {
        var text = new StringBuilder(body);
        foreach (var file in files)
        {
            if (text.Length > 0)
            {
                text.AppendLine();
            }

            text.Append(sentByContact ? DescribeOne(file) : $"[The consultant sent {What(file)}: {file.FileName}]");
        }

        return text.ToString();
    }

    private static string What(MediaView file) => file.Kind switch
    {
        MediaKind.Image => "a photo",
        MediaKind.Pdf => "a PDF document",
        MediaKind.Audio => "a voice note",
        _ => $"a file ({file.MimeType ?? "unknown type"})",
    };

    private static string DescribeOne(MediaView file)
    {
        var what = What(file);
        return file switch
        {
            { State: MediaState.Failed } => $"[The contact sent {what} that could not be used: {file.Error}]",
            { State: MediaState.Pending } => $"[The contact sent {what}; it is still being analysed, so its content is not known yet]",
            { Kind: MediaKind.Audio, Transcript: { } transcript } => $"(voice note, transcribed) {transcript}",
            { Summary: { } summary } => $"[The contact sent {what}. Analysis ({file.AnalysisKind}): {summary}"
                + (file.Details is { } details ? $" Details: {details}" : string.Empty)
                + (file.Text is { } seen ? $" Text in it: {seen}" : string.Empty) + "]",
            _ => $"[The contact sent {what}]",
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchId} answered before its media analysis finished ({Seconds} s limit)")]
    private static partial void AnalysisLate(ILogger logger, Guid batchId, int seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for the media of batch {BatchId} failed; answered without it")]
    private static partial void AnalysisFailed(ILogger logger, Exception exception, Guid batchId);
}
