using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Chat;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Consultant.Grains.Ai;

/// <summary>
/// Microsoft.Extensions.AI's <see cref="IChatClient"/> over the OpenAI client, pointed at <c>Ai:Endpoint</c>
/// (Gemini's OpenAI-compatible endpoint by default). Retries are ours, not the SDK's, so each attempt can pick
/// another key.
/// </summary>
public sealed class OpenAiCompatibleChatGateway(IHttpClientFactory httpClientFactory, AiClientCache clients, IOptions<AiOptions> options) : IAiChatGateway
{
    public const string HttpClientName = "ai";

    public async Task<AiCompletion> CompleteAsync(
        string apiKey, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken, IReadOnlyList<AITool>? tools = null)
    {
        try
        {
            var chatOptions = new ChatOptions { MaxOutputTokens = options.Value.MaxOutputTokens };
            if (tools is { Count: > 0 })
            {
                chatOptions.Tools = [.. tools];
                chatOptions.ToolMode = ChatToolMode.Auto;
            }

            var response = await clients.GetOrAdd(apiKey, CreateClient).GetResponseAsync(messages, chatOptions, cancellationToken);
            var text = response.Text?.Trim() ?? string.Empty;
            var toolCalls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            return text.Length == 0 && toolCalls.Count == 0
                ? throw new AiCallException("The AI answered with an empty message.", null)
                : new AiCompletion(text, Tokens(response.Usage?.InputTokenCount), Tokens(response.Usage?.OutputTokenCount))
                {
                    ToolCalls = toolCalls,
                    Messages = [.. response.Messages],
                };
        }
        catch (ClientResultException ex)
        {
            throw new AiCallException(AiProblemText.CallFailed(ex.Status), ex.Status == 0 ? null : ex.Status, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new AiCallException(AiProblemText.Unreachable, null, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AiCallException("The AI service did not answer in time.", null, ex);
        }
    }

    private static int? Tokens(long? count) => count is { } value ? (int)Math.Min(value, int.MaxValue) : null;

    private IChatClient CreateClient(string apiKey)
    {
        var settings = options.Value;
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = settings.Endpoint,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = TimeSpan.FromSeconds(settings.TimeoutSeconds),
            Transport = new HttpClientPipelineTransport(httpClientFactory.CreateClient(HttpClientName)),
        };
        return new ChatClient(settings.Model, new ApiKeyCredential(apiKey), clientOptions).AsIChatClient();
    }
}
