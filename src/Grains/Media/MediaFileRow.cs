namespace Consultant.Grains.Media;

/// <summary>A media row as processing reads it.</summary>
public sealed record MediaFileRow(
    Guid Id, Guid ConsultantId, Guid MessageId, int MediaIndex, string Direction, string? OriginalUrl, string? DeclaredMimeType,
    string FileName, string? MimeType, long? FileSize, string State, bool Downloaded, string? LocalPath, string? Error,
    string ContactPhone);
