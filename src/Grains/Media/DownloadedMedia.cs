namespace Consultant.Grains.Media;

public sealed record DownloadedMedia(byte[] Content, string? ServedContentType);
