using Microsoft.Extensions.AI;

namespace Consultant.Grains.Ai;

/// <summary>The AI provider refused or failed. <see cref="IsRateLimited"/>: it answered 429.</summary>
public sealed class AiCallException(string message, int? statusCode, Exception? inner = null) : Exception(message, inner)
{
    public int? StatusCode { get; } = statusCode;

    public bool IsRateLimited => StatusCode == 429;
}

/// <summary>One chat completion with a given API key.</summary>
public interface IAiChatGateway
{
    Task<string> CompleteAsync(string apiKey, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken);
}
