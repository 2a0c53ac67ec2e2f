namespace Consultant.Grains.Media;

/// <summary>A download that failed for now (Twilio or the network); the file may be fetched later.</summary>
public sealed class MediaDownloadException(string message, Exception? inner = null) : Exception(message, inner);
