using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Refrain.Jobs;

namespace Refrain.Providers.Spotify;

public sealed partial class SpotifyClient
{
    /// <summary><paramref name="root"/> with <paramref name="pathAndQuery"/> appended (a root with a path keeps it).</summary>
    internal static Uri Join(Uri root, string pathAndQuery) => new(root.AbsoluteUri.TrimEnd('/') + pathAndQuery);

    /// <summary>
    /// One API read through the gate: the body of a 2xx, or the outcome. A 401 refreshes the token and repeats the request
    /// once (both requests pass the gate); only a 401 after that is an outcome.
    /// </summary>
    private async Task<(string? Body, JobOutcome? Outcome)> GetAsync(ProviderCall call, string pathAndQuery, string endpoint, CancellationToken cancellationToken)
    {
        for (var refreshed = false; ; refreshed = true)
        {
            var (token, refused) = await _tokens.GetAsync(call, cancellationToken);
            if (refused is not null)
            {
                return (null, refused);
            }

            if (await call.AcquireAsync(cancellationToken) is { } wait)
            {
                ProvidersLog.Waiting(_logger, Provider, endpoint, wait.ToString());
                return (null, wait);
            }

            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, Join(_options.ApiBaseUrl, pathAndQuery));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                using var response = await _http.SendAsync(request, cancellationToken);
                if (response.StatusCode == HttpStatusCode.Unauthorized && !refreshed)
                {
                    _tokens.Invalidate(token!);
                    ProvidersLog.TokenRefused(_logger, endpoint);
                    continue;
                }

                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return (body, null);
                }

                var outcome = ProviderCall.Explain(await call.ClassifyAsync(response, cancellationToken), SpotifyJson.ErrorMessage(body));
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
    }

    /// <summary>Parses a 2xx body; one that does not parse is a retry marked unparseable (at most three, then permanent).</summary>
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
