using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Consultant.Grains.Ai;

/// <summary>
/// Runs the tools one answer of the model asked for and gives each result back as a <c>tool</c> message. A tool that
/// is unknown, gets arguments that are not JSON, or fails, answers the model with a short text saying so: an
/// exception never loses the reply.
/// </summary>
public static partial class AiToolCalls
{
    public const string Failed = "The tool failed. Tell the contact it could not be done right now and that the consultant will follow up.";

    public static async Task<IReadOnlyList<ChatMessage>> RunAsync(
        IReadOnlyList<AITool> tools, IReadOnlyList<FunctionCallContent> calls, ILogger logger, CancellationToken cancellationToken)
    {
        var results = new List<ChatMessage>();
        foreach (var call in calls)
        {
            var result = await RunOneAsync(tools, call, logger, cancellationToken);
            results.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, result)]));
        }

        return results;
    }

    private static async Task<string> RunOneAsync(IReadOnlyList<AITool> tools, FunctionCallContent call, ILogger logger, CancellationToken cancellationToken)
    {
        if (tools.OfType<AIFunction>().FirstOrDefault(tool => tool.Name == call.Name) is not { } function)
        {
            return $"There is no tool named '{call.Name}'. Use only: {string.Join(", ", tools.Select(tool => tool.Name))}.";
        }

        if (call.Exception is not null)
        {
            return "The arguments were not valid JSON; call the tool again with a JSON object of its parameters.";
        }

        try
        {
            var result = await function.InvokeAsync(new AIFunctionArguments(call.Arguments), cancellationToken);
            return result switch
            {
                null => string.Empty,
                string text => text,
                JsonElement { ValueKind: JsonValueKind.String } text => text.GetString()!,
                _ => result.ToString() ?? string.Empty,
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ToolFailed(logger, e, call.Name);
            return Failed;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "AI tool {Tool} failed; the model was told so")]
    private static partial void ToolFailed(ILogger logger, Exception exception, string tool);
}
