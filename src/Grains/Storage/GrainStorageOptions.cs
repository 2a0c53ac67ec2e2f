namespace Consultant.Grains.Storage;

/// <summary>The grain-state storage's settings (<c>GrainStorage</c> section).</summary>
public sealed class GrainStorageOptions
{
    public const string Section = "GrainStorage";

    /// <summary>
    /// The format grain state is written in. Rows in any other format are still read, and rewritten in this one on
    /// their grain's next write, so the switch can go either way on a live database.
    /// </summary>
    public GrainStateFormat Serializer { get; set; } = GrainStateFormat.Orleans;

    /// <summary>
    /// The conversations' state written through the shared round trips (<see cref="SharedGrainStorage"/>); false: on
    /// a connection and a commit of its own, by Orleans' ADO.NET provider. The same rows either way.
    /// </summary>
    public bool SharedRoundTrips { get; set; } = true;
}
