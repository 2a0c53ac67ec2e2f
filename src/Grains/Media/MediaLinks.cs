namespace Consultant.Grains.Media;

/// <summary>The addresses media are served at.</summary>
public static class MediaLinks
{
    /// <summary>A public link's token (43 characters as made today): a path outside these bounds is no token of ours.</summary>
    public const int MinTokenLength = 32;

    public const int MaxTokenLength = 64;

    /// <summary>The dashboard's (signed-in) address of a media file.</summary>
    public static string ForDashboard(Guid mediaId, bool download = false) =>
        $"/api/whatsapp/media/{mediaId}" + (download ? "?download=true" : string.Empty);

    /// <summary>The link Twilio fetches a consultant's attachment from: the token is the only credential.</summary>
    public static Uri PublicUrl(Uri publicBaseUrl, string token) =>
        new(publicBaseUrl.ToString().TrimEnd('/') + "/api/whatsapp/media/public/" + token);
}
