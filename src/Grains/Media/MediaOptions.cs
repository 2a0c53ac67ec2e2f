using System.ComponentModel.DataAnnotations;

namespace Consultant.Grains.Media;

public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>How long a batch's reply waits for its media to be downloaded and analysed.</summary>
    [Range(0, 300)]
    public int AnalysisTimeoutSeconds { get; set; } = 20;

    /// <summary>The largest file accepted, of any type.</summary>
    [Range(1, 100)]
    public int MaxFileMegabytes { get; set; } = 16;

    [Range(1, 100)]
    public int MaxImageMegabytes { get; set; } = 5;

    /// <summary>Twilio may answer 404 for a moment while it prepares a file: that many tries, with back-off.</summary>
    [Range(1, 10)]
    public int DownloadAttempts { get; set; } = 4;

    [Range(0, 60)]
    public double DownloadRetryDelaySeconds { get; set; } = 2;

    /// <summary>How long the link offered to Twilio for a consultant's attachment stays valid.</summary>
    [Range(1, 1440)]
    public int PublicLinkMinutes { get; set; } = 60;

    /// <summary>PDF pages read for text; the rest is ignored (the analysis says so).</summary>
    [Range(1, 500)]
    public int MaxPdfPages { get; set; } = 30;

    /// <summary>Characters of extracted PDF text kept and given to the AI.</summary>
    [Range(1000, 200_000)]
    public int MaxExtractedCharacters { get; set; } = 20_000;

    /// <summary>Processing runs (download and analysis) a file gets; after the last one fails it is marked failed, never restarted.</summary>
    [Range(1, 20)]
    public int MaxProcessingAttempts { get; set; } = 3;

    public long MaxFileBytes => MaxFileMegabytes * 1024L * 1024L;

    public long MaxImageBytes => MaxImageMegabytes * 1024L * 1024L;
}
