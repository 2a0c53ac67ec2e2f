using Microsoft.Extensions.AI;

namespace Consultant.Grains.Ai;

/// <summary>One chat completion with a given API key.</summary>
public interface IAiChatGateway
{
    Task<string> CompleteAsync(string apiKey, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken);
}
