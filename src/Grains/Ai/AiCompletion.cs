namespace Consultant.Grains.Ai;

/// <summary>The AI's answer to one call and the tokens it reports for it (null when the provider reports none).</summary>
public sealed record AiCompletion(string Text, int? InputTokens, int? OutputTokens);
