using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Common;

/// <summary>Reads kept in memory between messages (<see cref="ShortLivedCache{TKey,TValue}"/>).</summary>
public sealed class ReadCacheOptions
{
    public const string Section = "ReadCache";

    /// <summary>
    /// How long account settings, the number → consultant lookup, and contacts' languages and time zones are kept
    /// (0: read every time). A change is seen at once on the silo that saves it; on the cluster's other silos up to
    /// this long later.
    /// </summary>
    [Range(0, 3600)]
    public int Seconds { get; set; } = 5;

    /// <summary>A cache of one kind of read, with the configured lifetime.</summary>
    public static ShortLivedCache<TKey, TValue> NewCache<TKey, TValue>(
        IOptions<ReadCacheOptions> options, TimeProvider time, IEqualityComparer<TKey>? comparer = null)
        where TKey : notnull =>
        new(TimeSpan.FromSeconds(options.Value.Seconds), time, comparer);
}
