namespace Consultant.Grains.Replying;

/// <summary>
/// WhatsApp bodies through Twilio are limited to 1,600 characters: longer replies go out in parts, and at most
/// <c>maxParts</c> of them; what does not fit is cut, the last part ending with an ellipsis.
/// </summary>
public static class MessageSplitter
{
    public const int MaxLength = 1600;

    public const string Ellipsis = " …";

    public static IReadOnlyList<string> Split(string text, int maxParts = int.MaxValue, int maxLength = MaxLength)
    {
        var parts = new List<string>();
        var rest = text.Trim();
        while (rest.Length > maxLength)
        {
            if (parts.Count == maxParts - 1)
            {
                // The last part allowed: cut where the text reads well and say that it goes on.
                parts.Add(rest[..BestCut(rest, maxLength - Ellipsis.Length)].TrimEnd() + Ellipsis);
                return parts;
            }

            var cut = BestCut(rest, maxLength);
            parts.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart();
        }

        if (rest.Length > 0)
        {
            parts.Add(rest);
        }

        return parts;
    }

    // Prefer a paragraph break, then a sentence end, then a space, in the second half of the window.
    private static int BestCut(string text, int maxLength)
    {
        var window = text[..maxLength];
        foreach (var separator in new[] { "\n\n", "\n", ". ", "! ", "? ", " " })
        {
            var at = window.LastIndexOf(separator, StringComparison.Ordinal);
            if (at >= maxLength / 2)
            {
                return at + separator.Length;
            }
        }

        return maxLength;
    }
}
