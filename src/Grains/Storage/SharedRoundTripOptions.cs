using System.ComponentModel.DataAnnotations;

namespace Consultant.Grains.Storage;

/// <summary>How <see cref="SharedRoundTrips"/> groups the hot path's statements (issue 20's lever, measured in bench/NOTES.md).</summary>
public sealed class SharedRoundTripOptions
{
    public const string Section = "Database:SharedRoundTrips";

    /// <summary>
    /// True: statements of concurrent callers wait for no one but travel together, one round trip and one commit for
    /// all that queued while the previous groups were on their way. False: each statement its own round trip.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Groups on their way at once (each on a pooled connection of its own). Fewer make larger groups; on 2 cores two
    /// and four measured alike (bench/NOTES.md), so two, leaving the pool to the rest; more may suit a database server
    /// with many cores.
    /// </summary>
    [Range(1, 64)]
    public int AtOnce { get; set; } = 2;

    /// <summary>
    /// True: the statements an inbound message's acknowledgement waits for (<see cref="AcknowledgementPath"/>) go in the
    /// next group before any other; the others fill the room left, in their order. False: one queue, first come first sent.
    /// </summary>
    public bool AcknowledgementsFirst { get; set; } = true;

    /// <summary>The most statements one group carries.</summary>
    [Range(1, 1000)]
    public int MostStatements { get; set; } = 64;
}
