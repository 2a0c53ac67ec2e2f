using System.Text.Json;
using System.Text.Json.Serialization;
using Consultant.Grains.Storage;

namespace Consultant.Grains.Flows;

/// <summary>How a flow is written to <c>whatsapp_flows.definition</c>: web names, enums as words, no NUL.</summary>
public static class FlowJson
{
    public static JsonSerializerOptions Options { get; } = new(DatabaseText.Json)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Write(FlowDefinition flow) => JsonSerializer.Serialize(flow, Options);

    public static FlowDefinition Read(string json) =>
        JsonSerializer.Deserialize<FlowDefinition>(json, Options) ?? throw new JsonException("A stored flow is empty.");
}
