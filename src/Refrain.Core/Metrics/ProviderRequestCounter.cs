using Refrain.Jobs;
using Refrain.Providers;

namespace Refrain.Metrics;

/// <summary>
/// The outermost handler of a provider's HTTP client: every request any client of that provider sends passes it, so each
/// answer is counted by status (and each 429 by reason) in one place, whichever client, job or CLI call made it.
/// </summary>
public sealed class ProviderRequestCounter(string provider, EngineMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The client's timeout cancels the token handed to this handler; a shutdown does too, and cannot be told apart here.
            metrics.OnProviderResponse(provider, "timeout");
            throw;
        }
        catch (HttpRequestException)
        {
            metrics.OnProviderResponse(provider, "error");
            throw;
        }

        var status = (int)response.StatusCode;
        metrics.OnProviderResponse(provider, status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (status == 429)
        {
            // Buffered, so the client still reads the body after us; the same test of the body as the engine's classification.
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            metrics.OnThrottled(provider, HttpOutcomes.IsQuotaBody(body) ? PauseReason.Quota : PauseReason.Rate);
        }

        return response;
    }
}
