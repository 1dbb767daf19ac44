using System.Net.Http.Headers;
using System.Text.Json;
using Refrain.Jobs;

namespace Refrain.Providers.MusicBrainz;

public sealed partial class MusicBrainzClient
{
    /// <summary>One read through the gate: the body of a 2xx, or the outcome (503 counts as 429: over the rate limit).</summary>
    private async Task<(string? Body, JobOutcome? Outcome)> GetAsync(ProviderCall call, string pathAndQuery, string endpoint, CancellationToken cancellationToken)
    {
        if (await call.AcquireAsync(cancellationToken) is { } wait)
        {
            ProvidersLog.Waiting(_logger, Provider, endpoint, wait.ToString());
            return (null, wait);
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_options.BaseUrl.AbsoluteUri.TrimEnd('/') + pathAndQuery));
            request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await _http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return (body, null);
            }

            var outcome = ProviderCall.Explain(
                await call.ClassifyAsync(response, cancellationToken, overloadedMeansTooMany: true), MusicBrainzJson.ErrorMessage(body));
            ProvidersLog.Answered(_logger, Provider, response.StatusCode, endpoint, outcome);
            return (null, outcome);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutException)
        {
            var outcome = call.Failed(ex, cancellationToken);
            ProvidersLog.RequestFailed(_logger, Provider, endpoint, outcome.ToString());
            return (null, outcome);
        }
    }

    /// <summary>Parses a 2xx body; one that does not parse is a retry marked unparseable.</summary>
    private (T? Value, JobOutcome? Outcome) Read<T>(ProviderCall call, Func<T> parse, string endpoint, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return (parse(), null);
        }
        catch (JsonException ex)
        {
            ProvidersLog.Unparseable(_logger, Provider, endpoint, ex.Message);
            return (null, call.Failed(ex, cancellationToken));
        }
    }
}
