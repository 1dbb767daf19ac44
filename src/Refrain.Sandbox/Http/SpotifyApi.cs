using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Refrain.Sandbox;

/// <summary>
/// The Spotify stand-in: the Accounts service's authorize and token endpoints and the Web API's track, search, current-user and
/// recently-played endpoints.
/// </summary>
internal sealed partial class SpotifyApi(SandboxCatalog catalog, SandboxOptions options, TokenIssuer tokens, UserGrants grants, SandboxListening listening,
    ServiceGate gate, ServiceGate accounts, SandboxStats stats)
{
    private const int MaxIds = 50;
    private const int MaxLimit = 10;
    private readonly List<IndexedTrack> _index = [.. catalog.Tracks.Select(t => new IndexedTrack(t))];

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/token", (RequestDelegate)TokenAsync);
        app.MapGet("/v1/tracks/{id}", (RequestDelegate)TrackAsync);
        app.MapGet("/v1/tracks", (RequestDelegate)TracksAsync);
        app.MapGet("/v1/search", (RequestDelegate)SearchAsync);
        app.MapGet("/authorize", (RequestDelegate)AuthorizeAsync);
        app.MapGet("/v1/me", (RequestDelegate)MeAsync);
        app.MapGet("/v1/me/player/recently-played", (RequestDelegate)RecentlyPlayedAsync);
    }

    private async Task TrackAsync(HttpContext context)
    {
        stats.Count(SandboxEndpoints.Track);
        if (await AdmitAsync(context) is not { } admission)
        {
            return;
        }

        var id = context.Request.RouteValues["id"] as string ?? "";
        if (!SpotifyId().IsMatch(id))
        {
            await Respond.SpotifyErrorAsync(context, 400, "invalid id");
            return;
        }

        await (catalog.Track(id) is { } track
            ? Respond.JsonAsync(context, 200, SpotifyShapes.Track(track, Respond.Root(context)), admission == Admission.Malformed)
            : Respond.SpotifyErrorAsync(context, 404, "Resource not found"));
    }

    private async Task TracksAsync(HttpContext context)
    {
        stats.Count(SandboxEndpoints.Tracks);
        if (await AdmitAsync(context) is not { } admission)
        {
            return;
        }

        var ids = context.Request.Query["ids"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length == 0)
        {
            await Respond.SpotifyErrorAsync(context, 400, "invalid request: ids is required");
            return;
        }

        if (ids.Length > MaxIds)
        {
            await Respond.SpotifyErrorAsync(context, 400, "Too many ids requested");
            return;
        }

        if (ids.FirstOrDefault(i => !SpotifyId().IsMatch(i)) is not null)
        {
            await Respond.SpotifyErrorAsync(context, 400, "invalid id");
            return;
        }

        var root = Respond.Root(context);
        var tracks = new JsonArray([.. ids.Select(i => catalog.Track(i) is { } t ? (JsonNode?)SpotifyShapes.Track(t, root) : null)]);
        await Respond.JsonAsync(context, 200, new JsonObject { ["tracks"] = tracks }, admission == Admission.Malformed);
    }

    private async Task SearchAsync(HttpContext context)
    {
        stats.Count(SandboxEndpoints.Search);
        if (await AdmitAsync(context) is not { } admission)
        {
            return;
        }

        var query = context.Request.Query;
        var q = query["q"].ToString();
        var types = query["type"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var limit = MaxLimit;
        var offset = 0;
        string? error = string.IsNullOrWhiteSpace(q) ? "No search query"
            : types.Length == 0 ? "Missing parameter type"
            : !types.Contains("track") ? "Bad search type field: the sandbox searches tracks only"
            : query.ContainsKey("limit") && (!int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit) ? "Invalid limit"
            : query.ContainsKey("offset") && (!int.TryParse(query["offset"], NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset > 1000) ? "Invalid offset"
            : null;
        if (error is not null)
        {
            await Respond.SpotifyErrorAsync(context, 400, error);
            return;
        }

        var parsed = SearchQuery.Parse(q);
        var phrase = parsed.TrackPhrase;
        var matches = parsed.IsEmpty ? new List<SandboxTrack>() : _index.Where(parsed.Matches)
            .OrderBy(t => phrase.Length > 0 && t.NormalisedName == phrase ? 0 : 1)
            .ThenBy(t => t.Track.Album.AlbumType switch { "album" => 0, "single" => 1, _ => 2 })
            .ThenBy(t => t.Track.Album.ReleaseDate, StringComparer.Ordinal)
            .Select(t => t.Track)
            .ToList();
        var root = Respond.Root(context);
        string At(int at) => string.Create(CultureInfo.InvariantCulture, $"{root}/v1/search?query={Uri.EscapeDataString(q)}&type=track&offset={at}&limit={limit}");
        var page = SpotifyShapes.Page(matches.Skip(offset).Take(limit).Select(t => (JsonNode)SpotifyShapes.Track(t, root)), At(offset), limit, offset, matches.Count, At);
        await Respond.JsonAsync(context, 200, new JsonObject { ["tracks"] = page }, admission == Admission.Malformed);
    }

    /// <summary>The bearer token first (401 as Spotify words it), then the gate; null when the request was answered.</summary>
    private async Task<Admission?> AdmitAsync(HttpContext context)
    {
        if (tokens.Refusal(context.Request.Headers.Authorization.ToString()) is { } refusal)
        {
            context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"spotify\", error=\"invalid_token\", error_description=\"{refusal}\"";
            await Respond.SpotifyErrorAsync(context, 401, refusal);
            return null;
        }

        var admission = await gate.AdmitAsync(context);
        return admission == Admission.Refused ? null : admission;
    }

    [GeneratedRegex("^[0-9A-Za-z]{22}$")]
    private static partial Regex SpotifyId();
}
