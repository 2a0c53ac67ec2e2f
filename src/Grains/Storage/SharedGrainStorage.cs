using System.Globalization;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;

namespace Consultant.Grains.Storage;

/// <summary>
/// Grain state for string-keyed grains (the conversations) in the same <c>orleans_storage</c> rows and through the same
/// functions as Orleans' ADO.NET provider (migrations 0003, 0046), but on <see cref="SharedRoundTrips"/>: a state write
/// joins the statements of every other conversation waiting at that moment, one round trip and one commit for all,
/// instead of a connection, a transaction and a commit of its own (half the commits of an answered batch: bench/NOTES.md).
/// A row is the one the ADO.NET provider reads and writes for the same grain (string keys: N0 = N1 = 0, the key as the
/// extension), so either provider finds what the other wrote, and a version conflict is refused the same way.
/// </summary>
public sealed class SharedGrainStorage(SharedRoundTrips shared, GrainStateSerializer serializer, IOptions<ClusterOptions> cluster) : IGrainStorage
{
    private const string Read = "SELECT payload, version FROM orleans_read_storage(@serviceId, @grainType, 0::bigint, 0::bigint, @key)";

    private const string Write =
        "SELECT orleans_write_storage(@serviceId, @grainType, 0::bigint, 0::bigint, @key, @idHash, @typeHash, @version, @payload)";

    private const string Clear = "SELECT version FROM orleans_clear_storage(@serviceId, @grainType, 0::bigint, 0::bigint, @key, @version)";

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // An activation's read: mostly a new conversation's first message, whose acknowledgement waits for it.
        AcknowledgementPath.Enter();
        var (grainType, key) = Identity(grainId);
        var stored = await shared.QuerySingleOrDefaultAsync<StoredState>(Read, new { serviceId = cluster.Value.ServiceId, grainType, key });
        grainState.State = stored?.Payload is { Length: > 0 } payload
            ? serializer.Deserialize<T>(new BinaryData(payload)) ?? Activator.CreateInstance<T>()
            : Activator.CreateInstance<T>();
        grainState.ETag = stored is null ? null : ETagOf(stored.Version);
        grainState.RecordExists = stored?.Payload is { Length: > 0 };
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (grainType, key) = Identity(grainId);
        var version = VersionOf(grainState.ETag);
        var written = await shared.QuerySingleAsync<int?>(Write, new
        {
            serviceId = cluster.Value.ServiceId, grainType, key,
            // Stored for the ADO.NET provider's sake only: no lookup uses them (the identity index is on the columns above).
            idHash = (int)grainId.GetUniformHashCode(), typeHash = (int)grainId.Type.GetUniformHashCode(),
            version, payload = serializer.Serialize(grainState.State).ToArray(),
        });
        grainState.ETag = ETagOf(written ?? throw Conflict(grainId, grainState.ETag));
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (grainState.ETag is not null)
        {
            var (grainType, key) = Identity(grainId);
            var cleared = await shared.QuerySingleOrDefaultAsync<int?>(Clear, new
            {
                serviceId = cluster.Value.ServiceId, grainType, key, version = VersionOf(grainState.ETag),
            });
            grainState.ETag = ETagOf(cleared ?? throw Conflict(grainId, grainState.ETag));
        }

        grainState.State = Activator.CreateInstance<T>();
        grainState.RecordExists = false;
    }

    /// <summary>The row's identity as the ADO.NET provider writes it for a string key; other keys are not this store's.</summary>
    private static (string GrainType, string Key) Identity(GrainId grainId)
    {
        if (grainId.TryGetGuidKey(out _, out _) || grainId.TryGetIntegerKey(out _, out _))
        {
            throw new NotSupportedException($"{nameof(SharedGrainStorage)} stores string-keyed grains only, not {grainId}.");
        }

        return (grainId.Type.ToString()!, grainId.Key.ToString()!);
    }

    private static int? VersionOf(string? etag) => etag is null ? null : int.Parse(etag, CultureInfo.InvariantCulture);

    private static string ETagOf(int version) => version.ToString(CultureInfo.InvariantCulture);

    private static InconsistentStateException Conflict(GrainId grainId, string? etag) =>
        new($"The stored state of {grainId} is not version {etag ?? "(none)"}: another activation wrote it.", "unknown", etag ?? "none");

    private sealed class StoredState
    {
        public byte[]? Payload { get; set; }

        public int Version { get; set; }
    }
}
