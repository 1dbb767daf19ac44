using System.Net;
using Refrain.Metrics;

namespace Refrain.Tests.Metrics;

/// <summary>The provider clients' outermost handler counts each answer by status and each 429 by reason, and leaves the body readable.</summary>
public sealed class ProviderRequestCounterTests
{
    private readonly EngineMetrics _metrics = new();

    private HttpClient Client(Func<HttpRequestMessage, HttpResponseMessage> answer) =>
        new(new ProviderRequestCounter("spotify", _metrics) { InnerHandler = new Answering(answer) }) { BaseAddress = new Uri("http://127.0.0.1:9/") };

    [Fact]
    public async Task Answers_AreCountedByStatus_And429sByReason_AndTheBodyStaysReadable()
    {
        var answers = new Queue<HttpResponseMessage>([
            new(HttpStatusCode.OK),
            new(HttpStatusCode.OK),
            new(HttpStatusCode.NotFound),
            new(HttpStatusCode.TooManyRequests) { Content = new StringContent("""{"error": {"status": 429, "reason": "QUOTA_EXCEEDED"}}""") },
            new(HttpStatusCode.TooManyRequests) { Content = new StringContent("") },
        ]);
        using var client = Client(_ => answers.Dequeue());
        var bodies = new List<string>();

        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync("v1/tracks/x");
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(2, _metrics.ProviderResponses[("spotify", "200")]);
        Assert.Equal(1, _metrics.ProviderResponses[("spotify", "404")]);
        Assert.Equal(2, _metrics.ProviderResponses[("spotify", "429")]);
        Assert.Equal(1, _metrics.Throttled[("spotify", "quota")]);
        Assert.Equal(1, _metrics.Throttled[("spotify", "rate")]);
        Assert.Contains("QUOTA_EXCEEDED", bodies[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoAnswer_IsCountedAsErrorOrTimeout()
    {
        using var refused = Client(_ => throw new HttpRequestException("connection refused"));
        using var slow = new HttpClient(new ProviderRequestCounter("spotify", _metrics) { InnerHandler = new Hanging() })
        {
            BaseAddress = new Uri("http://127.0.0.1:9/"), Timeout = TimeSpan.FromMilliseconds(50),
        };

        await Assert.ThrowsAsync<HttpRequestException>(() => refused.GetAsync("a"));
        await Assert.ThrowsAsync<TaskCanceledException>(() => slow.GetAsync("a"));

        Assert.Equal(1, _metrics.ProviderResponses[("spotify", "error")]);
        Assert.Equal(1, _metrics.ProviderResponses[("spotify", "timeout")]);
        Assert.Empty(_metrics.Throttled);
    }

    private sealed class Answering(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }

    private sealed class Hanging : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
