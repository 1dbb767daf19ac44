using System.Text.Json;

namespace Refrain.Providers.Spotify;

/// <summary>Reads the Accounts service's user-token answers, its OAuth errors and <c>/v1/me</c>; anything else is a <see cref="JsonException"/>.</summary>
internal static class SpotifyUserJson
{
    /// <summary><c>{"access_token", "token_type": "Bearer", "expires_in", "refresh_token"?, "scope"?}</c>.</summary>
    public static SpotifyUserToken Token(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("expected a token object");
        }

        var access = String(root, "access_token");
        if (string.IsNullOrEmpty(access))
        {
            throw new JsonException("token answer without an access_token");
        }

        var expiresIn = root.TryGetProperty("expires_in", out var e) && e.ValueKind == JsonValueKind.Number ? e.GetInt64() : 3600;
        var refresh = String(root, "refresh_token");
        return new SpotifyUserToken(access, TimeSpan.FromSeconds(Math.Max(0, expiresIn)), string.IsNullOrEmpty(refresh) ? null : refresh, String(root, "scope"));
    }

    /// <summary><c>{"id", "display_name"}</c> of <c>GET /v1/me</c>.</summary>
    public static SpotifyUserProfile Profile(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var id = root.ValueKind == JsonValueKind.Object ? String(root, "id") : null;
        return string.IsNullOrEmpty(id) ? throw new JsonException("user object without an id") : new SpotifyUserProfile(id, String(root, "display_name"));
    }

    /// <summary>The OAuth error code and description of an Accounts service error body (<c>{"error": "invalid_grant", "error_description"}</c>).</summary>
    public static (string? Error, string? Description) OAuthError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object ? (String(root, "error"), String(root, "error_description")) : (null, null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
