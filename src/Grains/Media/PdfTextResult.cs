namespace Consultant.Grains.Media;

public sealed record PdfTextResult(string? Text, int Pages, bool Truncated, string? Error);
