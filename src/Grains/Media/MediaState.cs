namespace Consultant.Grains.Media;

/// <summary>Where a media file is in its processing (the <c>state</c> of a media row).</summary>
public static class MediaState
{
    /// <summary>Being downloaded or analysed.</summary>
    public const string Pending = "pending";

    /// <summary>Downloaded and analysed (or kept without analysis).</summary>
    public const string Done = "done";

    /// <summary>Given up: the row's error says why.</summary>
    public const string Failed = "failed";
}
