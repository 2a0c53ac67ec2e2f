using Microsoft.Extensions.AI;

namespace Consultant.Grains.Ai;

/// <summary>
/// The AI's answer to one call and the tokens it reports for it (null when the provider reports none). When the
/// model asks for tools, <see cref="ToolCalls"/> holds the calls and <see cref="Messages"/> the assistant's message
/// that carries them (added to the conversation before the tools' results); <see cref="Text"/> may then be empty.
/// </summary>
public sealed record AiCompletion(string Text, int? InputTokens, int? OutputTokens)
{
    public IReadOnlyList<FunctionCallContent> ToolCalls { get; init; } = [];

    public IReadOnlyList<ChatMessage> Messages { get; init; } = [];
}
