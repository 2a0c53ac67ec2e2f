using Microsoft.Extensions.AI;

namespace Consultant.Grains.Ai;

/// <summary>One chat completion with a given API key, with the tokens it used.</summary>
public interface IAiChatGateway
{
    /// <param name="tools">Tools the model may call (function calling); null or empty: none.</param>
    Task<AiCompletion> CompleteAsync(
        string apiKey, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken, IReadOnlyList<AITool>? tools = null);
}
