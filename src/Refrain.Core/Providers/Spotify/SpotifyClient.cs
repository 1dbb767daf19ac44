using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Refrain.Jobs;

namespace Refrain.Providers.Spotify;

/// <summary>
/// The Spotify Web API as Refrain uses it (DESIGN §6): tracks by id, one by one or in batches of 50, and track search, with
/// the app's client-credentials token and the track cache in the database. Every request passes the provider gate of the
/// <see cref="ProviderCall"/>; every answer that is not a value is the outcome the calling job returns.
/// </summary>
public sealed partial class SpotifyClient
{
    /// <summary>The provider name: the gate, the pause and configuration <c>Providers:Spotify</c>.</summary>
    public const string Provider = "spotify";

    /// <summary>Ids per <c>GET /v1/tracks?ids=</c> at most.</summary>
    public const int MaxBatch = 50;

    private readonly HttpClient _http;
    private readonly SpotifyOptions _options;
    private readonly ILogger _logger;
    private readonly SpotifyTokens _tokens;

    public SpotifyClient(HttpClient http, SpotifyOptions options, TimeProvider time, ILogger<SpotifyClient> logger)
    {
        _http = http;
        _options = options;
        _logger = logger;
        _tokens = new SpotifyTokens(http, options, time, logger);
    }

    /// <summary>True for a Spotify id: 22 base-62 characters.</summary>
    public static bool IsTrackId(string? id) => id is not null && TrackId().IsMatch(id);

    /// <summary>One track; 404 is <see cref="JobOutcome.NoData"/>. Served from the track cache unless <paramref name="bypassCache"/>.</summary>
    public async Task<ProviderResult<SpotifyTrack>> GetTrackAsync(ProviderCall call, string trackId, bool bypassCache, CancellationToken cancellationToken)
    {
        var what = $"track {trackId}";
        if (!IsTrackId(trackId))
        {
            return call.Stop<SpotifyTrack>(new JobOutcome.Permanent($"'{trackId}' is not a Spotify track id (22 base-62 characters)"), what);
        }

        if (!bypassCache && (await CachedTracksAsync(call, [trackId], cancellationToken)).TryGetValue(trackId, out var cached))
        {
            return call.Of(cached);
        }

        var (track, outcome) = await FetchTrackAsync(call, trackId, cancellationToken);
        return outcome is null ? call.Of(track!) : call.Stop<SpotifyTrack>(outcome, what);
    }

    /// <summary>
    /// Several tracks, in the order asked, unknown (and malformed) ids left out: <c>GET /v1/tracks?ids=</c> in batches of 50
    /// when <see cref="SpotifyOptions.BatchTrackLookup"/> is on, else one request per track. Cached tracks cost no request.
    /// When a request stops the call, the tracks read before it are already cached, so the job's next attempt costs less.
    /// </summary>
    public async Task<ProviderResult<IReadOnlyList<SpotifyTrack>>> GetTracksAsync(
        ProviderCall call, IReadOnlyList<string> ids, bool bypassCache, CancellationToken cancellationToken)
    {
        var wanted = ids.Where(IsTrackId).Distinct(StringComparer.Ordinal).ToList();
        var found = bypassCache ? new Dictionary<string, SpotifyTrack>(StringComparer.Ordinal) : await CachedTracksAsync(call, wanted, cancellationToken);
        var missing = wanted.Where(id => !found.ContainsKey(id)).ToList();
        var what = $"{missing.Count} tracks";
        if (_options.BatchTrackLookup)
        {
            foreach (var chunk in missing.Chunk(MaxBatch))
            {
                var (body, outcome) = await GetAsync(call, "/v1/tracks?ids=" + string.Join(',', chunk), "GET /v1/tracks", cancellationToken);
                var (tracks, unparseable) = outcome is null ? Read(call, () => SpotifyJson.Several(body!), "GET /v1/tracks", cancellationToken) : default;
                if ((outcome ?? unparseable) is { } stop)
                {
                    return call.Stop<IReadOnlyList<SpotifyTrack>>(stop, what);
                }

                await call.Store.UpsertSpotifyTracksAsync(tracks!, cancellationToken);
                foreach (var document in tracks!)
                {
                    found[document.Track.Id] = document.Track;
                }
            }
        }
        else
        {
            foreach (var id in missing)
            {
                var (track, outcome) = await FetchTrackAsync(call, id, cancellationToken);
                if (outcome is JobOutcome.NoData)
                {
                    continue;
                }

                if (outcome is not null)
                {
                    return call.Stop<IReadOnlyList<SpotifyTrack>>(outcome, what);
                }

                found[id] = track!;
            }
        }

        return call.Of<IReadOnlyList<SpotifyTrack>>(wanted.Where(found.ContainsKey).Select(id => found[id]).ToList());
    }

    private async Task<(SpotifyTrack? Track, JobOutcome? Outcome)> FetchTrackAsync(ProviderCall call, string trackId, CancellationToken cancellationToken)
    {
        const string endpoint = "GET /v1/tracks/{id}";
        var (body, outcome) = await GetAsync(call, $"/v1/tracks/{trackId}", endpoint, cancellationToken);
        if (outcome is not null)
        {
            return (null, outcome);
        }

        var (track, unparseable) = Read(call, () => SpotifyJson.Track(body!), endpoint, cancellationToken);
        if (unparseable is not null)
        {
            return (null, unparseable);
        }

        await call.Store.UpsertSpotifyTracksAsync([track!], cancellationToken);
        return (track!.Track, null);
    }

    private async Task<Dictionary<string, SpotifyTrack>> CachedTracksAsync(ProviderCall call, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, SpotifyTrack>(StringComparer.Ordinal);
        if (ids.Count == 0 || _options.TrackCacheAge <= TimeSpan.Zero)
        {
            return found;
        }

        foreach (var (id, json) in await call.Store.GetCachedSpotifyTracksAsync(ids, _options.TrackCacheAge, cancellationToken))
        {
            try
            {
                found[id] = SpotifyJson.Track(json).Track;
            }
            catch (JsonException)
            {
                // A cached row that no longer reads is a miss: the request replaces it.
            }
        }

        ProvidersLog.CacheHits(_logger, Provider, found.Count, ids.Count);
        return found;
    }

    [GeneratedRegex("^[0-9A-Za-z]{22}$")]
    private static partial Regex TrackId();
}
