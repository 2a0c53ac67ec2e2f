using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Storage;

namespace Consultant.Grains.Messages;

/// <summary>The <c>messages.interactive_options</c> column: the options of an interactive question, as JSON.</summary>
public static class InteractiveOptionsJson
{
    private static JsonSerializerOptions Options => DatabaseText.Json; // jsonb cannot hold NUL

    public static string Write(IReadOnlyList<InteractiveOption> options) => JsonSerializer.Serialize(options, Options);

    public static IReadOnlyList<InteractiveOption> Read(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<InteractiveOption>>(json, Options) ?? [];
}
