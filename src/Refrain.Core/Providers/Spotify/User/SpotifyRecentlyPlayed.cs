using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Refrain.Listening;

namespace Refrain.Providers.Spotify;

/// <summary>
/// <c>GET /v1/me/player/recently-played</c> for one listener, with the listener's own access token (DESIGN §6): at most 50
/// plays that ended after a cursor. The request passes the provider gate of the <see cref="ProviderCall"/>; a 401 refreshes
/// the listener's token once and repeats the request; every other non-2xx is classified as the engine does.
/// </summary>
public sealed class SpotifyRecentlyPlayed(HttpClient http, SpotifyOptions options, IListenerTokens tokens, ILogger<SpotifyRecentlyPlayed> logger)
{
    /// <summary>Spotify answers at most this many plays per request.</summary>
    public const int MaxItems = 50;

    private const string Endpoint = "GET /v1/me/player/recently-played";

    /// <summary>
    /// The plays that ended strictly after <paramref name="after"/> (Unix ms; null asks for the latest), newest first, and
    /// the answer's <c>cursors.after</c>. The tracks read are stored in the track cache, so enrichment does not ask again.
    /// </summary>
    public async Task<ProviderResult<SpotifyRecentlyPlayedPage>> GetAsync(ProviderCall call, long listenerId, long? after, CancellationToken cancellationToken)
    {
        var what = $"recently played of listener {listenerId}";
        var access = await tokens.GetAccessAsync(call, listenerId, cancellationToken);
        var query = after is { } cursor
            ? string.Create(CultureInfo.InvariantCulture, $"/v1/me/player/recently-played?limit={MaxItems}&after={cursor}")
            : string.Create(CultureInfo.InvariantCulture, $"/v1/me/player/recently-played?limit={MaxItems}");
        for (var refreshed = false; ; refreshed = true)
        {
            if (!access.IsOk)
            {
                return call.Stop<SpotifyRecentlyPlayedPage>(access.Outcome!, what);
            }

            if (await call.AcquireAsync(cancellationToken) is { } wait)
            {
                ProvidersLog.Waiting(logger, SpotifyClient.Provider, Endpoint, wait.ToString());
                return call.Stop<SpotifyRecentlyPlayedPage>(wait, what);
            }

            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, SpotifyClient.Join(options.ApiBaseUrl, query));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access.Value!.AccessToken);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                using var response = await http.SendAsync(request, cancellationToken);
                if (response.StatusCode == HttpStatusCode.Unauthorized && !refreshed)
                {
                    ProvidersLog.TokenRefused(logger, Endpoint);
                    access = await tokens.RefreshAsync(call, listenerId, cancellationToken);
                    continue;
                }

                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    var outcome = ProviderCall.Explain(await call.ClassifyAsync(response, cancellationToken), SpotifyJson.ErrorMessage(body));
                    ProvidersLog.Answered(logger, SpotifyClient.Provider, response.StatusCode, Endpoint, outcome);
                    return call.Stop<SpotifyRecentlyPlayedPage>(outcome, what);
                }

                SpotifyRecentlyPlayedPage page;
                try
                {
                    page = SpotifyRecentlyPlayedJson.Page(body);
                }
                catch (JsonException ex)
                {
                    ProvidersLog.Unparseable(logger, SpotifyClient.Provider, Endpoint, ex.Message);
                    return call.Stop<SpotifyRecentlyPlayedPage>(call.Failed(ex, cancellationToken), what);
                }

                if (page.Items.Count > 0)
                {
                    await call.Store.UpsertSpotifyTracksAsync(page.Items.Select(i => i.Track).DistinctBy(t => t.Track.Id).ToList(), cancellationToken);
                }

                return call.Of(page);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutException)
            {
                var outcome = call.Failed(ex, cancellationToken);
                ProvidersLog.RequestFailed(logger, SpotifyClient.Provider, Endpoint, outcome.ToString());
                return call.Stop<SpotifyRecentlyPlayedPage>(outcome, what);
            }
        }
    }
}
