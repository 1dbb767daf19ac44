using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Refrain.Jobs;

namespace Refrain.Providers.Spotify;

public sealed partial class SpotifyClient
{
    /// <summary>Items per search at most (Spotify, 2026).</summary>
    public const int MaxSearchLimit = 10;

    /// <summary>Every track carrying <paramref name="isrc"/> (<c>q=isrc:…</c>, up to 10), from the search cache when fresh.</summary>
    public Task<ProviderResult<IReadOnlyList<SpotifyTrack>>> SearchByIsrcAsync(ProviderCall call, string isrc, CancellationToken cancellationToken)
    {
        var normalised = (isrc ?? "").Trim().ToUpperInvariant();
        return Isrc().IsMatch(normalised)
            ? SearchAsync(call, $"isrc:{normalised}", MaxSearchLimit, bypassCache: false, cancellationToken)
            : Task.FromResult(call.Stop<IReadOnlyList<SpotifyTrack>>(new JobOutcome.Permanent($"'{isrc}' is not an ISRC"), $"search isrc:{isrc}"));
    }

    /// <summary>Tracks by title and artist (<c>q=track:"…" artist:"…"</c>), at most <paramref name="limit"/> (clamped to 1–10).</summary>
    public Task<ProviderResult<IReadOnlyList<SpotifyTrack>>> SearchAsync(ProviderCall call, string title, string artist, int limit, CancellationToken cancellationToken) =>
        SearchAsync(call, title, artist, limit, bypassCache: false, cancellationToken);

    /// <summary>As above; <paramref name="bypassCache"/> asks Spotify even when the search cache has a fresh answer (a re-check).</summary>
    public Task<ProviderResult<IReadOnlyList<SpotifyTrack>>> SearchAsync(ProviderCall call, string title, string artist, int limit, bool bypassCache,
        CancellationToken cancellationToken)
    {
        var t = Phrase(title);
        var a = Phrase(artist);
        if (t.Length == 0)
        {
            return Task.FromResult(call.Stop<IReadOnlyList<SpotifyTrack>>(new JobOutcome.Permanent("a track search needs a title"), "search"));
        }

        var query = a.Length == 0 ? $"track:\"{t}\"" : $"track:\"{t}\" artist:\"{a}\"";
        return SearchAsync(call, query, Math.Clamp(limit, 1, MaxSearchLimit), bypassCache, cancellationToken);
    }

    private async Task<ProviderResult<IReadOnlyList<SpotifyTrack>>> SearchAsync(ProviderCall call, string query, int limit, bool bypassCache, CancellationToken cancellationToken)
    {
        const string endpoint = "GET /v1/search";
        var what = $"search {query}";
        var key = string.Create(CultureInfo.InvariantCulture, $"track|{limit}|{query}");
        if (!bypassCache && _options.SearchCacheAge > TimeSpan.Zero && await call.Store.GetCachedSpotifySearchAsync(key, _options.SearchCacheAge, cancellationToken) is { } cached)
        {
            try
            {
                var tracks = SpotifyJson.Array(cached).Select(d => d.Track).ToList();
                ProvidersLog.CacheHits(_logger, Provider, 1, 1);
                return call.Of<IReadOnlyList<SpotifyTrack>>(tracks);
            }
            catch (JsonException)
            {
                // Unreadable cache rows are misses.
            }
        }

        var path = string.Create(CultureInfo.InvariantCulture, $"/v1/search?q={Uri.EscapeDataString(query)}&type=track&limit={limit}");
        var (body, outcome) = await GetAsync(call, path, endpoint, cancellationToken);
        var (found, unparseable) = outcome is null ? Read(call, () => SpotifyJson.Search(body!), endpoint, cancellationToken) : default;
        if ((outcome ?? unparseable) is { } stop)
        {
            return call.Stop<IReadOnlyList<SpotifyTrack>>(stop, what);
        }

        // Search items are full track objects: they fill the track cache too. An empty answer is an answer, cached as such.
        await call.Store.UpsertSpotifyTracksAsync(found!, cancellationToken);
        await call.Store.UpsertSpotifySearchAsync(key, SpotifyJson.ToArray(found!), cancellationToken);
        return call.Of<IReadOnlyList<SpotifyTrack>>(found!.Select(d => d.Track).ToList());
    }

    /// <summary>A field value for the query: quotes would end the phrase, so they become spaces.</summary>
    private static string Phrase(string? text) => Spaces().Replace((text ?? "").Replace('"', ' '), " ").Trim();

    [GeneratedRegex("^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$")]
    private static partial Regex Isrc();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
