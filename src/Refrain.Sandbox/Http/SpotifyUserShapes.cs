using System.Globalization;
using System.Text.Json.Nodes;

namespace Refrain.Sandbox;

/// <summary>The current user's profile and the recently-played cursor page, shaped as Spotify serves them.</summary>
internal static class SpotifyUserShapes
{
    /// <summary>The profile: country, product and explicit-content settings need <c>user-read-private</c>, the e-mail <c>user-read-email</c>.</summary>
    public static JsonObject User(SandboxUser user, IReadOnlySet<string> scopes, string root)
    {
        var body = new JsonObject
        {
            ["display_name"] = user.DisplayName,
            ["external_urls"] = new JsonObject { ["spotify"] = $"https://open.spotify.com/user/{user.Id}" },
            ["followers"] = new JsonObject { ["href"] = null, ["total"] = user.Number % 17 },
            ["href"] = $"{root}/v1/users/{user.Id}",
            ["id"] = user.Id,
            ["images"] = new JsonArray(),
            ["type"] = "user",
            ["uri"] = $"spotify:user:{user.Id}",
        };
        if (scopes.Contains("user-read-private"))
        {
            body["country"] = user.Country;
            body["explicit_content"] = new JsonObject { ["filter_enabled"] = false, ["filter_locked"] = false };
            body["product"] = user.Product;
        }

        if (scopes.Contains("user-read-email"))
        {
            body["email"] = user.Email;
        }

        return body;
    }

    /// <summary>A cursor-based paging object of play-history items; <c>cursors</c> is null when there are no items (as Spotify sends it).</summary>
    public static JsonObject RecentlyPlayed(IReadOnlyList<SandboxPlay> plays, string href, string? next, int limit, string root) => new()
    {
        ["items"] = new JsonArray([.. plays.Select(p => (JsonNode)new JsonObject
        {
            ["track"] = SpotifyShapes.Track(p.Track, root),
            ["played_at"] = p.PlayedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["context"] = Context(p.Track.Album, root),
        })]),
        ["next"] = next,
        ["cursors"] = plays.Count == 0 ? null : new JsonObject
        {
            ["after"] = Ms(plays[0].PlayedAt),
            ["before"] = Ms(plays[^1].PlayedAt),
        },
        ["limit"] = limit,
        ["href"] = href,
    };

    private static JsonObject Context(SandboxAlbum album, string root) => new()
    {
        ["type"] = "album",
        ["href"] = $"{root}/v1/albums/{album.Id}",
        ["external_urls"] = new JsonObject { ["spotify"] = $"https://open.spotify.com/album/{album.Id}" },
        ["uri"] = $"spotify:album:{album.Id}",
    };

    private static string Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
}
