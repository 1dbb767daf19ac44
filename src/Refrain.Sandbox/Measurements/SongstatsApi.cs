using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Refrain.Sandbox;

/// <summary>
/// The Songstats Enterprise API stand-in: <c>GET /enterprise/v1/tracks/historic_stats</c> with the <c>apikey</c> header,
/// serving <see cref="SongstatsHistories"/>. A missing or wrong key is a 401 before anything else.
/// </summary>
internal sealed partial class SongstatsApi(SandboxOptions options, ServiceGate gate, SandboxStats stats)
{
    private readonly Random _random = new(options.Seed + 4);
    private readonly Lock _lock = new();

    public void Map(IEndpointRouteBuilder app) => app.MapGet("/enterprise/v1/tracks/historic_stats", (RequestDelegate)HistoricStatsAsync);

    private async Task HistoricStatsAsync(HttpContext context)
    {
        stats.Count(SandboxEndpoints.SongstatsHistory);
        if (context.Request.Headers["apikey"].ToString() != options.SongstatsApiKey)
        {
            await Error(context, 401, "Invalid or missing apikey header.");
            return;
        }

        var admission = await gate.AdmitAsync(context);
        if (admission == Admission.Refused)
        {
            return;
        }

        var query = context.Request.Query;
        var isrc = query["isrc"].ToString().ToUpperInvariant();
        if (!Isrc().IsMatch(isrc))
        {
            await Error(context, 400, "isrc is missing or malformed.");
            return;
        }

        if (query["source"].ToString() is { Length: > 0 } source && source != "spotify")
        {
            await Error(context, 400, "The sandbox serves source=spotify only.");
            return;
        }

        if (!Day(query["start_date"], out var from) || !Day(query["end_date"], out var to) || from > to)
        {
            await Error(context, 400, "start_date and end_date are required as YYYY-MM-DD, start_date not after end_date.");
            return;
        }

        if (!SongstatsHistories.HasHistory(isrc))
        {
            await Error(context, 404, "Track not found.");
            return;
        }

        if (Roll(options.SongstatsWrongShapeRate))
        {
            stats.CountFault();
            await Respond.JsonAsync(context, 200, new JsonObject { ["result"] = "success", ["stats"] = new JsonObject { ["spotify"] = "unavailable" } });
            return;
        }

        var history = new JsonArray([.. SongstatsHistories.History(isrc, from, to).Select(p => (JsonNode)new JsonObject
        {
            ["date"] = p.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["streams_total"] = p.Total,
        })]);
        var body = new JsonObject
        {
            ["result"] = "success",
            ["message"] = "Data Retrieved.",
            ["stats"] = new JsonArray(new JsonObject { ["source"] = "spotify", ["data"] = new JsonObject { ["history"] = history } }),
            ["track_info"] = new JsonObject { ["isrc"] = isrc },
        };
        await Respond.JsonAsync(context, 200, body, admission == Admission.Malformed);
    }

    private static Task Error(HttpContext context, int status, string message) =>
        Respond.JsonAsync(context, status, new JsonObject { ["result"] = "error", ["message"] = message });

    private static bool Day(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private bool Roll(double rate)
    {
        if (rate <= 0)
        {
            return false;
        }

        lock (_lock)
        {
            return _random.NextDouble() < rate;
        }
    }

    [GeneratedRegex("^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$")]
    private static partial Regex Isrc();
}
