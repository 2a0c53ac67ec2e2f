namespace Consultant.Grains.Broadcasts;

/// <summary>A broadcast grain's key, "{consultantId:N}/{broadcastId:N}", so the grain knows whose broadcast it sends.</summary>
public static class BroadcastKeys
{
    public static string Of(Guid consultantId, Guid broadcastId) => $"{consultantId:N}/{broadcastId:N}";

    public static (Guid ConsultantId, Guid BroadcastId) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return (Guid.ParseExact(key[..slash], "N"), Guid.ParseExact(key[(slash + 1)..], "N"));
    }
}
