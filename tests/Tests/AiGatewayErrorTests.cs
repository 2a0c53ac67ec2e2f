using Consultant.Grains.Ai;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Consultant.Tests;

/// <summary>How a failed AI call is worded for the conversation's "needs reply": in plain words, never "HTTP 0".</summary>
public sealed class AiGatewayErrorTests
{
    [Test]
    public async Task An_AI_service_that_cannot_be_reached_is_said_so_and_not_HTTP_0()
    {
        var error = await FailedCallAsync(new HttpRequestException("Connection refused (ai.example:443)"));

        Assert.That(error.Message, Does.Contain("could not be reached").And.Not.Contain("HTTP 0"));
        Assert.That(error.StatusCode, Is.Null, "no HTTP answer, so no status");
        Assert.That(AiProblemText.NotAnswering(3, error.Message),
            Is.EqualTo("The AI did not answer after 3 attempts (The AI service could not be reached (no connection to it)). " +
                       "Reply by hand; new messages are answered once the AI service is back."));
    }

    [Test]
    public async Task An_AI_service_that_answers_an_error_is_named_with_its_status()
    {
        var error = await FailedCallAsync(status: System.Net.HttpStatusCode.ServiceUnavailable);

        Assert.That((error.Message, error.StatusCode), Is.EqualTo(("The AI service answered HTTP 503.", (int?)503)));
    }

    private static async Task<AiCallException> FailedCallAsync(HttpRequestException? thrown = null, System.Net.HttpStatusCode status = System.Net.HttpStatusCode.OK)
    {
        using var cache = new AiClientCache(4, AiClientCache.DefaultIdleLimit, new FakeTimeProvider());
        var options = Options.Create(new AiOptions { Endpoint = new Uri("https://ai.example/v1/") });
        var gateway = new OpenAiCompatibleChatGateway(new OneHandlerFactory(new FailingHandler(thrown, status)), cache, options);
        return (await Assert.ThrowsAsync<AiCallException>(() => gateway.CompleteAsync("key", [new ChatMessage(ChatRole.User, "Hi")], CancellationToken.None)))!;
    }

    private sealed class FailingHandler(HttpRequestException? thrown, System.Net.HttpStatusCode status) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            thrown is not null ? throw thrown : Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent("{}") });
    }

    private sealed class OneHandlerFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }
}
