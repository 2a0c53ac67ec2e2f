namespace Consultant.Grains.Ai;

/// <param name="AwaitsAiKey">Not answered for want of a usable key: a saved or changed key (own or pool) can answer it later.</param>
public sealed record AiReplyResult(string? Text, string? Problem, bool AwaitsAiKey = false)
{
    public static AiReplyResult Replied(string text) => new(text, null);

    public static AiReplyResult NotReplied(string problem, bool awaitsAiKey = false) => new(null, problem, awaitsAiKey);
}
