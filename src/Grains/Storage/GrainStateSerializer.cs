using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;

namespace Consultant.Grains.Storage;

/// <summary>
/// Grain state in <c>orleans_storage.payload</c> (one <c>bytea</c> column, whatever the format): written in the
/// configured <see cref="GrainStorageOptions.Serializer"/>, read in any of the three, so rows written before a switch
/// stay readable and are rewritten in the new format on their grain's next write (versions and ETags are the
/// provider's, untouched). The formats are told apart by their first bytes (<see cref="FormatOf"/>).
/// </summary>
public sealed class GrainStateSerializer(
    IOptions<GrainStorageOptions> options, JsonGrainStorageSerializer newtonsoft, Serializer orleans) : IGrainStorageSerializer
{
    /// <summary>Put before Orleans' binary: no JSON text starts with it, and Orleans' own first byte is not ours to rely on.</summary>
    internal const byte OrleansBinaryMarker = 0x01;

    private readonly GrainStateFormat format = options.Value.Serializer;

    public BinaryData Serialize<T>(T? value) => format switch
    {
        GrainStateFormat.Newtonsoft => newtonsoft.Serialize(value),
        GrainStateFormat.SystemTextJson => new BinaryData(JsonSerializer.SerializeToUtf8Bytes(value, GrainStateJsonContext.Default.Options)),
        _ => SerializeOrleans(value),
    };

    public T? Deserialize<T>(BinaryData input)
    {
        var payload = input.ToMemory();
        return FormatOf(payload.Span) switch
        {
            GrainStateFormat.Newtonsoft => newtonsoft.Deserialize<T>(input),
            GrainStateFormat.SystemTextJson => JsonSerializer.Deserialize<T>(payload.Span, GrainStateJsonContext.Default.Options),
            _ => orleans.Deserialize<T>(payload[1..]),
        };
    }

    /// <summary>
    /// The marker byte: Orleans' binary. A JSON object whose first member is <c>$id</c> or <c>$type</c>: Newtonsoft with
    /// Orleans' settings (type names and references on, no indentation: every row written before issue 20). Any other
    /// JSON object: System.Text.Json, which writes no such members for these types.
    /// </summary>
    internal static GrainStateFormat FormatOf(ReadOnlySpan<byte> payload) => payload switch
    {
        [OrleansBinaryMarker, ..] => GrainStateFormat.Orleans,
        [(byte)'{', (byte)'"', (byte)'$', ..] => GrainStateFormat.Newtonsoft,
        [(byte)'{', ..] => GrainStateFormat.SystemTextJson,
        [] => throw new InvalidDataException("An empty grain-state payload (a cleared state is stored as NULL)."),
        _ => throw new InvalidDataException($"A grain-state payload in no known format (first byte 0x{payload[0]:X2})."),
    };

    private BinaryData SerializeOrleans<T>(T? value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.GetSpan(1)[0] = OrleansBinaryMarker;
        buffer.Advance(1);
        orleans.Serialize(value, buffer);
        return new BinaryData(buffer.WrittenMemory);
    }
}
