using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Refrain.Sandbox;

/// <summary>The MusicBrainz stand-in: recordings by ISRC and by MBID. Anonymous clients (no User-Agent) are refused.</summary>
internal sealed partial class MusicBrainzApi(SandboxCatalog catalog, ServiceGate gate, SandboxStats stats)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/ws/2/isrc/{isrc}", (RequestDelegate)IsrcAsync);
        app.MapGet("/ws/2/recording/{mbid}", (RequestDelegate)RecordingAsync);
    }

    private async Task IsrcAsync(HttpContext context)
    {
        stats.Count(SandboxEndpoints.Isrc);
        if (await AdmitAsync(context) is not { } admission)
        {
            return;
        }

        var isrc = (context.Request.RouteValues["isrc"] as string ?? "").ToUpperInvariant();
        if (!Isrc().IsMatch(isrc))
        {
            await Respond.MusicBrainzErrorAsync(context, 400, "Invalid isrc.");
            return;
        }

        var recordings = catalog.RecordingsByIsrc(isrc);
        if (recordings.Count == 0)
        {
            await Respond.MusicBrainzErrorAsync(context, 404, "Not Found");
            return;
        }

        var inc = Includes(context);
        var body = new JsonObject
        {
            ["isrc"] = isrc,
            ["recordings"] = new JsonArray([.. recordings.Select(r => (JsonNode)MusicBrainzShapes.Recording(r, inc))]),
        };
        await Respond.JsonAsync(context, 200, body, admission == Admission.Malformed);
    }

    private async Task RecordingAsync(HttpContext context)
    {
        stats.Count(SandboxEndpoints.Recording);
        if (await AdmitAsync(context) is not { } admission)
        {
            return;
        }

        var mbid = context.Request.RouteValues["mbid"] as string ?? "";
        if (!Guid.TryParseExact(mbid, "D", out _))
        {
            await Respond.MusicBrainzErrorAsync(context, 400, "Invalid mbid.");
            return;
        }

        await (catalog.Recording(mbid) is { } recording
            ? Respond.JsonAsync(context, 200, MusicBrainzShapes.Recording(recording, Includes(context)), admission == Admission.Malformed)
            : Respond.MusicBrainzErrorAsync(context, 404, "Not Found"));
    }

    /// <summary>User-Agent first (MusicBrainz blocks anonymous clients), <c>fmt=json</c>, then the gate; null when answered.</summary>
    private async Task<Admission?> AdmitAsync(HttpContext context)
    {
        if (string.IsNullOrWhiteSpace(context.Request.Headers.UserAgent))
        {
            await Respond.MusicBrainzErrorAsync(context, 403,
                "Requests without a User-Agent are blocked: name your application and a contact, e.g. \"MyApp/1.0 ( me@example.com )\".");
            return null;
        }

        var fmt = context.Request.Query["fmt"].ToString();
        var acceptsJson = context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
        if (fmt.Length > 0 ? fmt != "json" : !acceptsJson)
        {
            await Respond.MusicBrainzErrorAsync(context, 400, "The sandbox serves fmt=json only.");
            return null;
        }

        var admission = await gate.AdmitAsync(context);
        return admission == Admission.Refused ? null : admission;
    }

    /// <summary><c>inc=artist-credits+isrcs</c>: a literal '+' arrives as a space once the query is decoded.</summary>
    private static HashSet<string> Includes(HttpContext context) =>
        [.. context.Request.Query["inc"].ToString().Split([' ', '+'], StringSplitOptions.RemoveEmptyEntries).Select(i => i.ToLowerInvariant())];

    [GeneratedRegex("^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$")]
    private static partial Regex Isrc();
}
