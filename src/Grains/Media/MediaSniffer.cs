namespace Consultant.Grains.Media;

/// <summary>
/// The type of a file from its first bytes (magic numbers), never from what the sender claims: a "photo" that is
/// really HTML or an executable is not shown or analysed as a photo.
/// </summary>
public static class MediaSniffer
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The MIME type the content shows, or null when it is none of the types we analyse.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(Jpeg))
        {
            return "image/jpeg";
        }

        if (head.StartsWith(Png))
        {
            return "image/png";
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8))
        {
            return head[8..12].SequenceEqual("WEBP"u8) ? "image/webp" : head[8..12].SequenceEqual("WAVE"u8) ? "audio/wav" : null;
        }

        if (head.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        if (head.StartsWith("OggS"u8))
        {
            return "audio/ogg";
        }

        if (head.StartsWith("#!AMR"u8))
        {
            return "audio/amr";
        }

        if (head.StartsWith("ID3"u8) || (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0))
        {
            return "audio/mpeg";
        }

        // ISO base media (mp4, m4a, 3gp): "ftyp" at offset 4; the brand tells audio from video.
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = System.Text.Encoding.ASCII.GetString(head[8..12]);
            return brand.StartsWith("M4A", StringComparison.Ordinal) ? "audio/mp4" : "video/mp4";
        }

        return null;
    }

    public static string Extension(string? mimeType) => mimeType switch
    {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "image/gif" => ".gif",
        "image/webp" => ".webp",
        "application/pdf" => ".pdf",
        "audio/ogg" => ".ogg",
        "audio/amr" => ".amr",
        "audio/mpeg" => ".mp3",
        "audio/mp4" => ".m4a",
        "audio/wav" => ".wav",
        "video/mp4" => ".mp4",
        _ => ".bin",
    };
}
