namespace Consultant.Web.Shared;

/// <summary>
/// Numbers a page's loads so that an answer overtaken by a newer request is dropped: a slow first load (or an older
/// search) that comes back last must not put back the list a later add, search or page change has loaded.
/// Used on the circuit's renderer, one event at a time, so a plain counter is enough.
/// </summary>
public sealed class LatestLoad
{
    private long latest;

    /// <summary>Runs <paramref name="load"/>; <c>IsLatest</c> is false when another load was started while it ran.</summary>
    public async Task<(bool IsLatest, T Value)> RunAsync<T>(Func<Task<T>> load)
    {
        var ticket = ++latest;
        var value = await load();
        return (ticket == latest, value);
    }
}
