namespace Consultant.Grains.Media;

/// <summary>
/// What the AI says a file is ("kind" in its analysis, stored as this code); the dashboard names each in its language.
/// A kind the AI makes up anyway is kept and shown as written.
/// </summary>
public static class MediaAnalysisKinds
{
    /// <summary>The kinds a photo is asked to be one of; "image" when the AI names none.</summary>
    public static IReadOnlyList<string> Image { get; } = ["meal", "gym", "body", "document", "receipt", "other"];

    /// <summary>The kinds a PDF is asked to be one of; "document" when the AI names none.</summary>
    public static IReadOnlyList<string> Document { get; } =
        ["bank_statement", "invoice", "receipt", "medical_note", "training_plan", "meal_plan", "contract", "other"];

    public const string ImageFallback = "image";

    public const string DocumentFallback = "document";

    /// <summary>Every code the dashboard may show: the kinds above, the fallbacks, and the file kinds (<see cref="MediaKind"/>).</summary>
    public static IReadOnlyList<string> All { get; } =
        [.. Image.Concat(Document).Append(ImageFallback).Append(DocumentFallback)
            .Concat([MediaKind.Image, MediaKind.Pdf, MediaKind.Audio, MediaKind.Other]).Distinct()];
}
