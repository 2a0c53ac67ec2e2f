namespace Consultant.Grains.Abstractions;

/// <summary>A file the consultant attaches to a manual message, already in the media store.</summary>
[GenerateSerializer, Immutable]
[Alias("Consultant.OutboundAttachment")]
public sealed record OutboundAttachment(
    [property: Id(0)] Guid MessageId,
    [property: Id(1)] string FileName,
    [property: Id(2)] string MimeType,
    [property: Id(3)] long FileSize,
    [property: Id(4)] string LocalPath);
