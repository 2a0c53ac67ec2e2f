using System.Text.Json;
using System.Text.Json.Serialization;

namespace Consultant.Grains.Storage;

/// <summary>
/// PostgreSQL text and jsonb cannot hold U+0000, so a NUL from outside (a PDF, a webhook, a name typed into the API)
/// would fail the write and, for work that is retried, fail it again forever. Every text is written without it:
/// Dapper's string parameters through <see cref="DapperTypeHandlers"/>, jsonb through <see cref="Json"/>.
/// </summary>
public static class DatabaseText
{
    private const char Nul = '\0';

    public static string? Clean(string? text) =>
        text is null || !text.Contains(Nul, StringComparison.Ordinal) ? text : text.Replace("\0", string.Empty, StringComparison.Ordinal);

    /// <summary>Options for JSON written to jsonb: every string (property or dictionary value) without NUL.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { Converters = { new NulFreeStringConverter() } };

    private sealed class NulFreeStringConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString();

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(Clean(value));
    }
}
