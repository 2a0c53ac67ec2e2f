using Consultant.Grains.Media;

namespace Consultant.Grains.Conversations;

/// <summary>The conversations list's preview of the last message.</summary>
public static class ConversationPreview
{
    private const int MaxLength = 120;

    /// <summary>The text, or what was sent when there is none (<paramref name="mediaType"/>: null for no media).</summary>
    public static string Of(string body, string? mediaType) => body.Length > 0
        ? (body.Length > MaxLength ? body[..MaxLength] + "…" : body)
        : mediaType is null ? string.Empty : MediaKind.OfMimeType(mediaType) switch
        {
            MediaKind.Image => "Photo",
            MediaKind.Pdf => "PDF document",
            MediaKind.Audio => "Voice note",
            _ => "File",
        };
}
