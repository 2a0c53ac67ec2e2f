using Consultant.Grains.Ai;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Consultant.Grains.Media;

/// <summary>What analysing one file gave: an analysis, or an error in words; and what is stored beside it.</summary>
public sealed record MediaAnalysisOutcome(
    MediaAnalysis? Analysis, string? Error, string? ExtractedText, IReadOnlyDictionary<string, object?> Metadata);

/// <summary>Asks the AI; the caller decides whose key (the consultant's for clients, the pool for leads).</summary>
public delegate Task<AiReplyResult> AskAi(IReadOnlyList<ChatMessage> prompt, CancellationToken cancellationToken);
