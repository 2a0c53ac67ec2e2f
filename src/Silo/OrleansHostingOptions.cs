using System.ComponentModel.DataAnnotations;

namespace Consultant.Silo;

/// <summary>How this silo joins its cluster. Two copies on one machine need different ports.</summary>
public sealed class OrleansHostingOptions
{
    public const string Section = "Orleans";

    [Required]
    public string ClusterId { get; set; } = "consultant";

    [Required]
    public string ServiceId { get; set; } = "consultant-whatsapp";

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one at; loopback suits one machine.</summary>
    [Required]
    public string AdvertisedIp { get; set; } = "127.0.0.1";

    /// <summary>
    /// How many grains' addresses the silo keeps in Orleans' directory cache. Orleans' own default (1,000,000) keeps the
    /// address of every conversation seen, collected ones too, about 230 bytes each, and its metrics walk the whole cache
    /// every second: bounded here to about ten times the conversations active at once (bench/NOTES.md, memory).
    /// </summary>
    [Range(1_000, 10_000_000)]
    public int DirectoryCacheSize { get; set; } = 100_000;
}
