using System.Net;
using System.Text.Json;

namespace Refrain.Jobs;

/// <summary>The shared mapping from an HTTP status or exception to an outcome (DESIGN §4).</summary>
public static class HttpOutcomes
{
    /// <param name="overloadedMeansTooMany">True for providers (MusicBrainz) whose 503 means "over the rate limit".</param>
    public static HttpVerdict Classify(HttpStatusCode status, bool overloadedMeansTooMany = false)
    {
        var code = (int)status;
        return code switch
        {
            >= 200 and < 300 => HttpVerdict.Success,
            404 => HttpVerdict.NoData,
            429 => HttpVerdict.TooManyRequests,
            503 when overloadedMeansTooMany => HttpVerdict.TooManyRequests,
            408 => HttpVerdict.Retry,
            >= 500 => HttpVerdict.Retry,
            >= 400 => HttpVerdict.Permanent,
            _ => HttpVerdict.Retry,
        };
    }

    /// <summary>Exceptions: timeouts, connection failures and unparseable bodies are transient; the job's own cancellation propagates.</summary>
    public static JobOutcome FromException(Exception exception, CancellationToken jobToken)
    {
        jobToken.ThrowIfCancellationRequested();
        return exception switch
        {
            TaskCanceledException or TimeoutException => new JobOutcome.Retry($"request timed out: {exception.Message}"),
            HttpRequestException http => new JobOutcome.Retry($"connection failed: {http.Message}"),
            JsonException json => new JobOutcome.Retry($"response did not parse: {json.Message}", Unparseable: true),
            _ => new JobOutcome.Retry($"{exception.GetType().Name}: {exception.Message}"),
        };
    }

    /// <summary>True when a 429 body says the quota, not the rate, is spent (Spotify's <c>"reason": "QUOTA_EXCEEDED"</c>).</summary>
    public static bool IsQuotaBody(string? body) =>
        body is not null && body.Contains("QUOTA_EXCEEDED", StringComparison.OrdinalIgnoreCase);
}
