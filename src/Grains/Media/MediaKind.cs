namespace Consultant.Grains.Media;

/// <summary>What a file is, as far as analysis goes.</summary>
public static class MediaKind
{
    public const string Image = "image";
    public const string Pdf = "pdf";
    public const string Audio = "audio";
    public const string Other = "other";

    /// <summary>The kind a MIME type claims.</summary>
    public static string OfMimeType(string? mimeType) => mimeType?.Split(';')[0].Trim().ToLowerInvariant() switch
    {
        null or "" => Other,
        "application/pdf" => Pdf,
        var t when t.StartsWith("image/", StringComparison.Ordinal) => Image,
        var t when t.StartsWith("audio/", StringComparison.Ordinal) => Audio,
        _ => Other,
    };

    /// <summary>Types the dashboard may show inline; anything else is served as a download.</summary>
    public static bool IsSafeInline(string? mimeType) => mimeType is
        "image/jpeg" or "image/png" or "image/gif" or "image/webp" or "application/pdf"
        or "audio/ogg" or "audio/mpeg" or "audio/amr" or "audio/mp4" or "audio/wav";
}
