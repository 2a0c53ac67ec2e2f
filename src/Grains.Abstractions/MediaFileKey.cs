namespace Consultant.Grains.Abstractions;

public static class MediaFileKey
{
    public static string Format(Guid consultantId, Guid mediaId) => $"{consultantId:N}/{mediaId:N}";

    public static (Guid ConsultantId, Guid MediaId) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return (Guid.ParseExact(key[..slash], "N"), Guid.ParseExact(key[(slash + 1)..], "N"));
    }
}
