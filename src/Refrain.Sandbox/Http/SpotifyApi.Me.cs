using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Refrain.Sandbox;

internal sealed partial class SpotifyApi
{
    private const int MaxRecentlyPlayed = 50;

    private async Task MeAsync(HttpContext context)
    {
        stats.Count(SandboxEndpoints.Me);
        if (await AdmitUserAsync(context) is not { } admitted)
        {
            return;
        }

        var (token, admission) = admitted;

        await Respond.JsonAsync(context, 200, SpotifyUserShapes.User(token.User!, token.Scopes, Respond.Root(context)), admission == Admission.Malformed);
    }

    /// <summary>
    /// The latest plays, newest first: <c>after</c> keeps those that ended strictly later, <c>before</c> strictly earlier (Unix
    /// ms); <c>next</c> walks backwards while older plays remain within the depth Spotify keeps; no items, no cursors.
    /// </summary>
    private async Task RecentlyPlayedAsync(HttpContext context)
    {
        stats.Count(SandboxEndpoints.RecentlyPlayed);
        if (await AdmitUserAsync(context) is not { } admitted)
        {
            return;
        }

        var (token, admission) = admitted;

        if (!token.Scopes.Contains("user-read-recently-played"))
        {
            await Respond.SpotifyErrorAsync(context, 403, "Insufficient client scope");
            return;
        }

        var query = context.Request.Query;
        var limit = 20;
        long after = 0, before = 0;
        var error = query.ContainsKey("limit") && (!int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxRecentlyPlayed) ? "Invalid limit"
            : query.ContainsKey("after") && query.ContainsKey("before") ? "Only one of after and before may be specified"
            : query.ContainsKey("after") && !long.TryParse(query["after"], NumberStyles.None, CultureInfo.InvariantCulture, out after) ? "Invalid after cursor"
            : query.ContainsKey("before") && !long.TryParse(query["before"], NumberStyles.None, CultureInfo.InvariantCulture, out before) ? "Invalid before cursor"
            : null;
        if (error is not null)
        {
            await Respond.SpotifyErrorAsync(context, 400, error);
            return;
        }

        var visible = listening.Recent(token.User!, options.Time.GetUtcNow());
        var page = visible
            .Where(p => !query.ContainsKey("after") || p.PlayedAt.ToUnixTimeMilliseconds() > after)
            .Where(p => !query.ContainsKey("before") || p.PlayedAt.ToUnixTimeMilliseconds() < before)
            .Take(limit)
            .ToList();
        var root = Respond.Root(context);
        var href = root + context.Request.Path + context.Request.QueryString;
        var older = page.Count > 0 && visible.Any(p => p.PlayedAt < page[^1].PlayedAt);
        var next = older ? string.Create(CultureInfo.InvariantCulture, $"{root}/v1/me/player/recently-played?before={page[^1].PlayedAt.ToUnixTimeMilliseconds()}&limit={limit}") : null;
        await Respond.JsonAsync(context, 200, SpotifyUserShapes.RecentlyPlayed(page, href, next, limit, root), admission == Admission.Malformed);
    }

    /// <summary>A live user token (a client-credentials token is 401, as Spotify answers it), then the gate; null when answered.</summary>
    private async Task<(IssuedToken Token, Admission Admission)?> AdmitUserAsync(HttpContext context)
    {
        var refusal = tokens.Refusal(context.Request.Headers.Authorization.ToString(), out var token);
        if (refusal is null && token!.User is null)
        {
            refusal = "Valid user authentication required";
        }

        if (refusal is not null)
        {
            context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"spotify\", error=\"invalid_token\", error_description=\"{refusal}\"";
            await Respond.SpotifyErrorAsync(context, 401, refusal);
            return null;
        }

        var admission = await gate.AdmitAsync(context);
        return admission == Admission.Refused ? null : (token!, admission);
    }
}
