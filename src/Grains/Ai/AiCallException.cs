namespace Consultant.Grains.Ai;

/// <summary>The AI provider refused or failed. <see cref="IsRateLimited"/>: it answered 429.</summary>
public sealed class AiCallException(string message, int? statusCode, Exception? inner = null) : Exception(message, inner)
{
    public int? StatusCode { get; } = statusCode;

    public bool IsRateLimited => StatusCode == 429;
}
