using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Refrain.Sandbox;

internal sealed partial class SpotifyApi
{
    /// <summary>The scopes Spotify knows; any other is <c>invalid_scope</c>.</summary>
    private static readonly HashSet<string> KnownScopes = new(StringComparer.Ordinal)
    {
        "ugc-image-upload", "user-read-playback-state", "user-modify-playback-state", "user-read-currently-playing", "app-remote-control",
        "streaming", "playlist-read-private", "playlist-read-collaborative", "playlist-modify-private", "playlist-modify-public",
        "user-follow-modify", "user-follow-read", "user-read-playback-position", "user-top-read", "user-read-recently-played",
        "user-library-modify", "user-library-read", "user-read-email", "user-read-private", "user-personalized",
        "user-soa-link", "user-soa-unlink", "soa-manage-entitlements", "soa-manage-partner", "soa-create-partner",
    };

    /// <summary>
    /// The authorize page, with the user consenting at once: a bad client or redirect URI is a 400 page (Spotify shows one
    /// rather than redirect to an unchecked URI); anything else wrong redirects back with <c>error</c> and <c>state</c>.
    /// <c>sandbox_user=N</c> picks the user (else each in turn); <c>sandbox_deny=1</c> plays a user who presses Cancel.
    /// </summary>
    private async Task AuthorizeAsync(HttpContext context)
    {
        stats.Count(SandboxEndpoints.Authorize);
        var query = context.Request.Query;
        if (query["client_id"].ToString() != options.ClientId)
        {
            await Respond.TextAsync(context, 400, "INVALID_CLIENT: Invalid client", "text/plain; charset=utf-8");
            return;
        }

        var redirectUri = query["redirect_uri"].ToString();
        if (!RedirectAllowed(redirectUri))
        {
            await Respond.TextAsync(context, 400, "INVALID_CLIENT: Invalid redirect URI", "text/plain; charset=utf-8");
            return;
        }

        var users = listening.UserCount;
        var number = 0;
        if (query.ContainsKey("sandbox_user")
            && (!int.TryParse(query["sandbox_user"], NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1 || number > users))
        {
            await Respond.TextAsync(context, 400, $"sandbox_user must be between 1 and {users}", "text/plain; charset=utf-8");
            return;
        }

        var state = query["state"].ToString();
        var challenge = query["code_challenge"].ToString();
        var method = query["code_challenge_method"].ToString();
        var scope = string.Join(' ', query["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var error = query["response_type"].ToString() != "code" ? "unsupported_response_type"
            : (challenge.Length > 0 || method.Length > 0) && (method != "S256" || !S256Challenge().IsMatch(challenge)) ? "invalid_request"
            : scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(s => !KnownScopes.Contains(s)) ? "invalid_scope"
            : query.ContainsKey("sandbox_deny") ? "access_denied"
            : null;
        if (error is not null)
        {
            Redirect(context, redirectUri, ("error", error), ("state", state));
            return;
        }

        var user = listening.User(number > 0 ? number : grants.NextUserNumber(users));
        var code = grants.IssueCode(redirectUri, user, scope, challenge.Length > 0 ? challenge : null);
        Redirect(context, redirectUri, ("code", code), ("state", state));
    }

    private bool RedirectAllowed(string redirectUri)
    {
        if (options.RedirectUris.Contains(redirectUri))
        {
            return true;
        }

        // Spotify accepts loopback redirects by IP literal (not "localhost") over plain HTTP, on any port.
        return Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.Host is "127.0.0.1" or "[::1]"
            && uri.Fragment.Length == 0;
    }

    /// <summary>302 to the redirect URI with the parameters added to its query; an empty <c>state</c> is left out.</summary>
    private static void Redirect(HttpContext context, string redirectUri, params (string Name, string Value)[] parameters)
    {
        var query = string.Join('&', parameters.Where(p => p.Name != "state" || p.Value.Length > 0)
            .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value)}"));
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = redirectUri + (redirectUri.Contains('?', StringComparison.Ordinal) ? '&' : '?') + query;
    }

    /// <summary>An S256 challenge is a SHA-256 hash in unpadded base64url: 43 characters.</summary>
    [GeneratedRegex("^[A-Za-z0-9_-]{43}$")]
    private static partial Regex S256Challenge();
}
