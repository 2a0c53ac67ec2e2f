namespace Consultant.Grains.Abstractions;

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
