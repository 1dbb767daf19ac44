using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Refrain.Jobs;
using Refrain.Providers;

namespace Refrain.Measurements.Quota;

/// <summary>
/// One paid GET: the provider gate first (a snooze there costs nothing), then one quota unit, then the request. The unit is
/// spent from the moment it is reserved: a timeout or a 5xx may still have been billed, so nothing is given back; the
/// ledger row records what came of the call.
/// </summary>
internal static class PaidRequest
{
    public static async Task<(string? Body, JobOutcome? Outcome)> GetAsync(
        ProviderCall call, QuotaService quota, HttpClient http, string provider, long? accountId, Uri uri, Action<HttpRequestMessage> prepare,
        string endpoint, ILogger logger, CancellationToken cancellationToken)
    {
        if (await call.AcquireAsync(cancellationToken) is { } wait)
        {
            ProvidersLog.Waiting(logger, provider, endpoint, wait.ToString());
            return (null, wait);
        }

        var (ledgerId, spent) = await quota.ReserveUnitAsync(provider, accountId, call.JobId, cancellationToken);
        if (spent is not null)
        {
            ProvidersLog.Waiting(logger, provider, endpoint, spent.ToString());
            return (null, spent);
        }

        string fate = "failed";
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            prepare(request);
            using var response = await http.SendAsync(request, cancellationToken);
            fate = $"http {(int)response.StatusCode}";
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return (body, null);
            }

            var outcome = ProviderCall.Explain(await call.ClassifyAsync(response, cancellationToken), ErrorMessage(body));
            ProvidersLog.Answered(logger, provider, response.StatusCode, endpoint, outcome);
            return (null, outcome);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutException)
        {
            fate = ex is HttpRequestException ? "connection failed" : "timeout";
            var outcome = call.Failed(ex, cancellationToken);
            ProvidersLog.RequestFailed(logger, provider, endpoint, outcome.ToString());
            return (null, outcome);
        }
        finally
        {
            // Recorded even when the job is being cancelled: the unit is spent either way and the ledger must say so.
            await quota.RecordOutcomeAsync(ledgerId!.Value, fate, CancellationToken.None);
        }
    }

    /// <summary>
    /// <see cref="GetAsync"/> with the 2xx body parsed by <paramref name="parse"/>: the value, or the outcome about
    /// <paramref name="what"/> (a body that does not parse is a retry marked unparseable, the engine's rule for them).
    /// </summary>
    public static async Task<ProviderResult<T>> ReadAsync<T>(
        ProviderCall call, QuotaService quota, HttpClient http, string provider, long? accountId, Uri uri, Action<HttpRequestMessage> prepare,
        string endpoint, string what, Func<string, T> parse, ILogger logger, CancellationToken cancellationToken)
        where T : class
    {
        var (body, outcome) = await GetAsync(call, quota, http, provider, accountId, uri, prepare, endpoint, logger, cancellationToken);
        if (outcome is not null)
        {
            return call.Stop<T>(outcome, what);
        }

        try
        {
            return call.Of(parse(body!));
        }
        catch (JsonException ex)
        {
            ProvidersLog.Unparseable(logger, provider, endpoint, ex.Message);
            return call.Stop<T>(call.Failed(ex, cancellationToken), what);
        }
    }

    /// <summary>The service's own one-line explanation of an error (<c>message</c> or <c>error</c>), when its body has one.</summary>
    private static string? ErrorMessage(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            foreach (var name in (string[])["message", "error"])
            {
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value)
                    && value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString();
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (an HTML error page): the status says enough.
        }

        return null;
    }
}
