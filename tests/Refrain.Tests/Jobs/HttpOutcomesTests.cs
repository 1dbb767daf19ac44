using System.Net;
using System.Text.Json;
using Refrain.Jobs;

namespace Refrain.Tests.Jobs;

/// <summary>The status and exception mapping of DESIGN §4 (and §6 for MusicBrainz's 503 and Spotify's quota body).</summary>
public sealed class HttpOutcomesTests
{
    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    [InlineData(204)]
    public void Classify_2xx_IsSuccess(int status) =>
        Assert.Equal(HttpVerdict.Success, HttpOutcomes.Classify((HttpStatusCode)status));

    [Fact]
    public void Classify_404_IsNoData() =>
        Assert.Equal(HttpVerdict.NoData, HttpOutcomes.Classify(HttpStatusCode.NotFound));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Classify_429_IsTooManyRequests(bool overloadedMeansTooMany) =>
        Assert.Equal(HttpVerdict.TooManyRequests, HttpOutcomes.Classify(HttpStatusCode.TooManyRequests, overloadedMeansTooMany));

    [Fact]
    public void Classify_503_IsRetry() =>
        Assert.Equal(HttpVerdict.Retry, HttpOutcomes.Classify(HttpStatusCode.ServiceUnavailable));

    [Fact]
    public void Classify_503_WhenOverloadedMeansTooMany_IsTooManyRequests() =>
        Assert.Equal(HttpVerdict.TooManyRequests, HttpOutcomes.Classify(HttpStatusCode.ServiceUnavailable, overloadedMeansTooMany: true));

    [Theory]
    [InlineData(408)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(504)]
    public void Classify_408And5xx_IsRetry(int status) =>
        Assert.Equal(HttpVerdict.Retry, HttpOutcomes.Classify((HttpStatusCode)status));

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(504)]
    public void Classify_5xxOtherThan503_WhenOverloadedMeansTooMany_IsStillRetry(int status) =>
        Assert.Equal(HttpVerdict.Retry, HttpOutcomes.Classify((HttpStatusCode)status, overloadedMeansTooMany: true));

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(409)]
    [InlineData(422)]
    public void Classify_Other4xx_IsPermanent(int status) =>
        Assert.Equal(HttpVerdict.Permanent, HttpOutcomes.Classify((HttpStatusCode)status));

    [Fact]
    public void FromException_HttpClientTimeout_IsRetry()
    {
        // HttpClient reports its own Timeout as a TaskCanceledException wrapping a TimeoutException.
        var timeout = new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.", new TimeoutException());

        var outcome = HttpOutcomes.FromException(timeout, CancellationToken.None);

        var retry = Assert.IsType<JobOutcome.Retry>(outcome);
        Assert.False(retry.Unparseable);
    }

    [Fact]
    public void FromException_ConnectionFailure_IsRetry()
    {
        var outcome = HttpOutcomes.FromException(new HttpRequestException("Connection refused (127.0.0.1:1)"), CancellationToken.None);

        var retry = Assert.IsType<JobOutcome.Retry>(outcome);
        Assert.False(retry.Unparseable);
    }

    [Fact]
    public void FromException_JsonException_IsRetryMarkedUnparseable()
    {
        var outcome = HttpOutcomes.FromException(new JsonException("'<' is an invalid start of a value."), CancellationToken.None);

        var retry = Assert.IsType<JobOutcome.Retry>(outcome);
        Assert.True(retry.Unparseable);
    }

    [Fact]
    public void FromException_WhenJobTokenCancelled_RethrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => HttpOutcomes.FromException(new TaskCanceledException(), cts.Token));
    }

    [Fact]
    public void IsQuotaBody_SpotifyQuotaExceeded_IsTrue() =>
        Assert.True(HttpOutcomes.IsQuotaBody("""{"error":{"status":429,"message":"Quota exceeded for this period","reason":"QUOTA_EXCEEDED"}}"""));

    [Theory]
    [InlineData("""{"error":{"status":429,"message":"API rate limit exceeded"}}""")]
    [InlineData("Too Many Requests")]
    [InlineData("")]
    [InlineData(null)]
    public void IsQuotaBody_RateLimitOrEmptyBody_IsFalse(string? body) =>
        Assert.False(HttpOutcomes.IsQuotaBody(body));
}
