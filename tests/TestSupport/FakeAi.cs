using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Consultant.TestSupport;

public sealed record FakeAiRequest(string ApiKey, JsonElement Body)
{
    /// <summary>When its body had been read (the bench splits a reply's time at the AI).</summary>
    public DateTimeOffset ReceivedAt { get; init; } = DateTimeOffset.UtcNow;

    public string SystemPrompt => Messages.First(m => m.Role == "system").Content;

    public IReadOnlyList<(string Role, string Content)> Messages =>
        Body.GetProperty("messages").EnumerateArray()
            .Select(m => (m.GetProperty("role").GetString()!, ContentOf(m)))
            .ToList();

    public string AllText => string.Join("\n", Messages.Select(m => m.Content));

    /// <summary>The text of the last message the contact wrote (role user); tool rounds come after it.</summary>
    public string LastUserText => Messages.LastOrDefault(m => m.Role == "user").Content ?? string.Empty;

    /// <summary>The names of the tools the request offers (<c>tools[].function.name</c>).</summary>
    public IReadOnlyList<string> ToolNames =>
        Body.TryGetProperty("tools", out var tools)
            ? tools.EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()!).ToList()
            : [];

    /// <summary>The tools' results given back (<c>role: "tool"</c> messages), in order.</summary>
    public IReadOnlyList<string> ToolResults => Messages.Where(m => m.Role == "tool").Select(m => m.Content).ToList();

    /// <summary>The request answers a tool call: its last message is a tool's result.</summary>
    public bool AfterToolCall => Messages.Count > 0 && Messages[^1].Role == "tool";

    /// <summary>The longest answer the request allows (max_completion_tokens, or the older max_tokens); null: no limit.</summary>
    public int? MaxTokens =>
        Body.TryGetProperty("max_completion_tokens", out var limit) || Body.TryGetProperty("max_tokens", out limit) ? limit.GetInt32() : null;

    /// <summary>The content parts of this type (image_url, input_audio...) across all messages.</summary>
    public IReadOnlyList<JsonElement> Parts(string type) =>
        Body.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("content").ValueKind == JsonValueKind.Array)
            .SelectMany(m => m.GetProperty("content").EnumerateArray())
            .Where(p => p.TryGetProperty("type", out var t) && t.GetString() == type)
            .ToList();

    private static string ContentOf(JsonElement message) => (message.TryGetProperty("content", out var content) ? content : default) switch
    {
        { ValueKind: JsonValueKind.String } text => text.GetString()!,
        { ValueKind: JsonValueKind.Array } parts => string.Join("", parts.EnumerateArray().Select(p => p.TryGetProperty("text", out var t) ? t.GetString() : "")),
        _ => string.Empty,
    };
}

/// <summary>
/// An OpenAI-compatible chat-completions server on loopback: records each request (key and JSON) and answers
/// with queued behaviours (a text, an HTTP error, or a reply held until the test releases it), or with scripted tool
/// calls (<see cref="CallToolWhen"/>).
/// </summary>
public sealed class FakeAi : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<Func<Task<IResult>>> behaviours = new();
    private readonly ConcurrentQueue<(Func<FakeAiRequest, bool> Matches, Func<FakeAiRequest, Task<IResult>> Answer)> rules = new();
    private int calls;

    public ConcurrentQueue<FakeAiRequest> Requests { get; } = new();

    /// <summary>Where Ai:Endpoint points (the OpenAI client appends chat/completions).</summary>
    public Uri Endpoint { get; }

    private FakeAi(WebApplication app, Uri endpoint)
    {
        this.app = app;
        Endpoint = endpoint;
    }

    public static async Task<FakeAi> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeAi(app, new Uri($"http://127.0.0.1:{port}/v1beta/openai/"));
        app.MapPost("/v1beta/openai/chat/completions", (Delegate)fake.Complete);
        await app.StartAsync();
        return fake;
    }

    /// <summary>Every request matching <paramref name="matches"/> gets <paramref name="reply"/> (checked before the queue).</summary>
    public void When(Func<FakeAiRequest, bool> matches, string reply) => rules.Enqueue((matches, _ => Task.FromResult(Completion(reply))));

    /// <summary>Every request matching <paramref name="matches"/> fails with this HTTP status (a revoked key: 401).</summary>
    public void FailWhen(Func<FakeAiRequest, bool> matches, int status) => rules.Enqueue((matches, _ => Task.FromResult(Error(status, "error"))));

    /// <summary>
    /// A scripted tool turn in the OpenAI wire format: a request matching <paramref name="matches"/> whose last message
    /// is not a tool result gets an assistant message with <c>tool_calls</c> (finish_reason <c>tool_calls</c>) calling
    /// <paramref name="tool"/> with the arguments <paramref name="arguments"/> makes from the request; once the tool's
    /// result comes back (a <c>role: "tool"</c> message), the reply is <paramref name="then"/>.
    /// </summary>
    /// <param name="always">Call the tool again after every result, for as long as the request offers tools (a model
    /// that will not stop); <paramref name="then"/> only once no tools are offered.</param>
    public void CallToolWhen(Func<FakeAiRequest, bool> matches, string tool, Func<FakeAiRequest, object> arguments, string then, bool always = false) =>
        rules.Enqueue((matches, request => Task.FromResult(
            (always ? request.ToolNames.Count == 0 : request.AfterToolCall) ? Completion(then) : ToolCall(tool, arguments(request)))));

    /// <summary>
    /// Like <see cref="CallToolWhen"/>, once: the tool is called at once, but the words after its result wait until
    /// the returned source is completed with them (the tool has done its work by then: a test can act meanwhile).
    /// Later matching requests fall through to the other rules and the queue.
    /// </summary>
    public TaskCompletionSource<string> CallToolThenHoldWhen(Func<FakeAiRequest, bool> matches, string tool, Func<FakeAiRequest, object> arguments)
    {
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var (called, answered) = (0, 0);
        rules.Enqueue((
            request => matches(request) && (request.AfterToolCall ? Volatile.Read(ref answered) == 0 : Volatile.Read(ref called) == 0),
            async request =>
            {
                if (!request.AfterToolCall)
                {
                    Interlocked.Exchange(ref called, 1);
                    return ToolCall(tool, arguments(request));
                }

                Interlocked.Exchange(ref answered, 1);
                return Completion(await release.Task);
            }));
        return release;
    }

    public void ReplyWith(string text) => behaviours.Enqueue(() => Task.FromResult(Completion(text)));

    public void FailWith(int status, string message = "error") => behaviours.Enqueue(() => Task.FromResult(Error(status, message)));

    /// <summary>The next call waits until the returned source is completed with the reply text.</summary>
    public TaskCompletionSource<string> HoldNextReply()
    {
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        behaviours.Enqueue(async () => Completion(await release.Task));
        return release;
    }

    private async Task<IResult> Complete(HttpContext http)
    {
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body);
        var key = http.Request.Headers.Authorization.ToString().Replace("Bearer ", "", StringComparison.Ordinal);
        var request = new FakeAiRequest(key, body);
        Requests.Enqueue(request);
        var number = Interlocked.Increment(ref calls);
        foreach (var rule in rules)
        {
            if (rule.Matches(request))
            {
                return await rule.Answer(request);
            }
        }

        return behaviours.TryDequeue(out var behaviour) ? await behaviour() : Completion($"Auto reply {number}");
    }

    private static IResult Error(int status, string message) => Results.Json(
        new { error = new { code = status, message, status = status == 429 ? "RESOURCE_EXHAUSTED" : "INTERNAL" } }, statusCode: status);

    private static IResult Completion(string text) => Results.Json(new
    {
        id = "chatcmpl-" + Guid.NewGuid().ToString("N"),
        @object = "chat.completion",
        created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        model = "gemini-2.5-flash",
        choices = new[] { new { index = 0, message = new { role = "assistant", content = text }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 10, completion_tokens = 5, total_tokens = 15 },
    });

    private static IResult ToolCall(string tool, object arguments) => Results.Json(new
    {
        id = "chatcmpl-" + Guid.NewGuid().ToString("N"),
        @object = "chat.completion",
        created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        model = "gemini-2.5-flash",
        choices = new[]
        {
            new
            {
                index = 0,
                message = new
                {
                    role = "assistant",
                    content = (string?)null,
                    tool_calls = new[]
                    {
                        new { id = "call_" + Guid.NewGuid().ToString("N")[..12], type = "function", function = new { name = tool, arguments = JsonSerializer.Serialize(arguments) } },
                    },
                },
                finish_reason = "tool_calls",
            },
        },
        usage = new { prompt_tokens = 20, completion_tokens = 8, total_tokens = 28 },
    });

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
