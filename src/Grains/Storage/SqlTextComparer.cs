namespace Consultant.Grains.Storage;

/// <summary>
/// Compares statement texts as ordinal strings but hashes them on their length and a few of their characters, not all
/// of them: a hot path's texts are long (a kilobyte is common) and looked up on every call, and two texts of one call
/// site are mostly the same literal, so the equality check after the hash ends at the reference.
/// </summary>
internal sealed class SqlTextComparer : IEqualityComparer<string>
{
    public static readonly SqlTextComparer Instance = new();

    public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

    public int GetHashCode(string text)
    {
        var length = text.Length;
        if (length == 0)
        {
            return 0;
        }

        var hash = new HashCode();
        hash.Add(length);
        for (var i = 1; i <= 8; i++)
        {
            hash.Add(text[(int)((long)length * i / 9)]);
        }

        hash.Add(text[^1]);
        return hash.ToHashCode();
    }
}
