namespace Consultant.Grains.Abstractions;

/// <summary>
/// One media file of a message: downloads it from Twilio and has it analysed, once for the whole cluster.
/// Keyed "{consultantId:N}/{mediaId:N}" (see <see cref="MediaFileKey"/>).
/// </summary>
[Alias("Consultant.IMediaFileGrain")]
public interface IMediaFileGrain : IGrainWithStringKey
{
    /// <summary>Starts the work without waiting for it (the webhook path must not wait for a download).</summary>
    [Alias("Start"), Orleans.Concurrency.OneWay]
    Task StartAsync();

    /// <summary>Returns when the file is downloaded and analysed, or has failed for a reason stored with it.</summary>
    [Alias("Process")]
    Task ProcessAsync();
}

public static class MediaFileKey
{
    public static string Format(Guid consultantId, Guid mediaId) => $"{consultantId:N}/{mediaId:N}";

    public static (Guid ConsultantId, Guid MediaId) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return (Guid.ParseExact(key[..slash], "N"), Guid.ParseExact(key[(slash + 1)..], "N"));
    }
}

/// <summary>One MediaUrlN / MediaContentTypeN of an inbound message, as Twilio announced it.</summary>
[GenerateSerializer, Immutable]
[Alias("Consultant.InboundMedia")]
public sealed record InboundMedia(
    [property: Id(0)] string Url,
    [property: Id(1)] string? ContentType);

/// <summary>A media file as the dashboard shows it. <see cref="State"/>: pending, done or failed.</summary>
[GenerateSerializer, Immutable]
[Alias("Consultant.MediaView")]
public sealed record MediaView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] string? MimeType,
    [property: Id(3)] string FileName,
    [property: Id(4)] long? FileSize,
    [property: Id(5)] string State,
    [property: Id(6)] bool Downloaded,
    /// <summary>Why it could not be downloaded or analysed, in words.</summary>
    [property: Id(7)] string? Error,
    [property: Id(8)] string? AnalysisKind,
    [property: Id(9)] string? Summary,
    [property: Id(10)] string? Details,
    [property: Id(11)] string? Transcript,
    [property: Id(12)] double? DurationSeconds,
    /// <summary>Text read from an image (OCR).</summary>
    [property: Id(13)] string? Text);

/// <summary>A file the consultant attaches to a manual message, already in the media store.</summary>
[GenerateSerializer, Immutable]
[Alias("Consultant.OutboundAttachment")]
public sealed record OutboundAttachment(
    [property: Id(0)] Guid MessageId,
    [property: Id(1)] string FileName,
    [property: Id(2)] string MimeType,
    [property: Id(3)] long FileSize,
    [property: Id(4)] string LocalPath);
