using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Refrain.Sandbox;

/// <summary>
/// The snapshot service stand-in: <c>GET /albums/{id}/playcounts</c> answers the tracks of a catalog album with their ISRCs
/// and play counts (<see cref="Playcount"/>); an album the catalog does not have is a 404.
/// </summary>
internal sealed class SnapshotApi(SandboxCatalog catalog, SandboxOptions options, ServiceGate gate, SandboxStats stats)
{
    private readonly ILookup<string, SandboxTrack> _tracksByAlbum = catalog.Tracks.ToLookup(t => t.Album.Id, StringComparer.Ordinal);

    public void Map(IEndpointRouteBuilder app) => app.MapGet("/albums/{id}/playcounts", (RequestDelegate)PlaycountsAsync);

    /// <summary>
    /// A track's all-time play count on <paramref name="today"/>: a per-track daily rate (from its id) times the days since
    /// its album's release, so it grows day by day and is the same for the same day.
    /// </summary>
    public static long Playcount(SandboxTrack track, DateOnly today)
    {
        var released = DateOnly.TryParseExact(track.Album.ReleaseDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : new DateOnly(int.Parse(track.Album.ReleaseDate[..4], CultureInfo.InvariantCulture), 1, 1);
        var rate = 10 + track.Id.Aggregate(0L, (h, c) => ((h * 31) + c) % 9973);
        return Math.Max(0, today.DayNumber - released.DayNumber) * rate;
    }

    private async Task PlaycountsAsync(HttpContext context)
    {
        stats.Count(SandboxEndpoints.SnapshotPlaycounts);
        var admission = await gate.AdmitAsync(context);
        if (admission == Admission.Refused)
        {
            return;
        }

        var id = context.Request.RouteValues["id"] as string ?? "";
        var tracks = _tracksByAlbum[id].OrderBy(t => t.TrackNumber).ToList();
        if (tracks.Count == 0)
        {
            await Respond.JsonAsync(context, 404, new JsonObject { ["error"] = "album not found" });
            return;
        }

        var today = DateOnly.FromDateTime(options.Time.GetUtcNow().UtcDateTime);
        var body = new JsonObject
        {
            ["album_id"] = id,
            ["tracks"] = new JsonArray([.. tracks.Select(t => (JsonNode)new JsonObject
            {
                ["spotify_track_id"] = t.Id,
                ["isrc"] = t.Isrc,
                ["name"] = t.Name,
                ["playcount"] = Playcount(t, today),
            })]),
        };
        await Respond.JsonAsync(context, 200, body, admission == Admission.Malformed);
    }
}
