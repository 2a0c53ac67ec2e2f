using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Consultant.Grains.Booking.Chat;

/// <summary>
/// One tool the AI may call: its name, what it does, its parameters as a JSON schema written by hand (only strings,
/// each checked by the handler, never bound by reflection), and the handler, which answers the model in words.
/// </summary>
public sealed class ChatTool(string name, string description, JsonElement parametersSchema, Func<ChatToolArguments, Task<string>> handler) : AIFunction
{
    public override string Name => name;

    public override string Description => description;

    public override JsonElement JsonSchema => parametersSchema;

    /// <summary>
    /// A schema of string parameters: name → description; every one listed in <paramref name="required"/> must be given.
    /// Every tool has at least one: Gemini refuses an object schema with empty <c>properties</c>, which the OpenAI
    /// client would send for a tool without parameters. Built once per tool (a static field), not per reply.
    /// </summary>
    public static JsonElement Parameters(IReadOnlyDictionary<string, string> properties, params string[] required) =>
        properties.Count == 0
            ? throw new ArgumentException("A tool needs at least one parameter.", nameof(properties))
            : JsonSerializer.SerializeToElement(new
            {
                type = "object",
                properties = properties.ToDictionary(p => p.Key, p => new { type = "string", description = p.Value }),
                required,
            });

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken) =>
        await handler(new ChatToolArguments(arguments));
}
