using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Refrain.Sandbox;

/// <summary>
/// Authorization codes (single use, short-lived, PKCE-checked) and the refresh tokens they turn into (valid until revoked or
/// until <see cref="SandboxOptions.RefreshTokenLifetime"/> after the authorization; rotated on refresh when configured).
/// Error descriptions are Spotify's.
/// </summary>
internal sealed class UserGrants(SandboxOptions options)
{
    private readonly ConcurrentDictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, UserGrant> _refreshTokens = new(StringComparer.Ordinal);
    private int _nextUser;

    /// <summary>The user to sign in as when the request does not pick one: each in turn, so many listeners get distinct users.</summary>
    public int NextUserNumber(int users) => (int)((uint)Interlocked.Increment(ref _nextUser) - 1) % users + 1;

    public string IssueCode(string redirectUri, SandboxUser user, string scope, string? challenge)
    {
        var now = options.Time.GetUtcNow();
        foreach (var stale in _codes.Where(c => c.Value.ExpiresAt < now).Select(c => c.Key).ToList())
        {
            _codes.TryRemove(stale, out _);
        }

        var code = TokenIssuer.NewToken("AQ", 96);
        _codes[code] = new PendingCode(redirectUri, user, scope, challenge, now + options.AuthorizationCodeLifetime);
        return code;
    }

    /// <summary>
    /// Exchanges <paramref name="code"/> (consumed by the first attempt, successful or not) for a grant and its refresh token;
    /// on failure the OAuth error and its description.
    /// </summary>
    public (UserGrant? Grant, string? RefreshToken, string? Error, string? Description) Redeem(string code, string redirectUri, string? verifier, bool clientAuthenticated)
    {
        if (code.Length == 0 || !_codes.TryRemove(code, out var pending))
        {
            return (null, null, "invalid_grant", "Invalid authorization code");
        }

        var now = options.Time.GetUtcNow();
        if (now >= pending.ExpiresAt)
        {
            return (null, null, "invalid_grant", "Authorization code expired");
        }

        if (redirectUri != pending.RedirectUri)
        {
            return (null, null, "invalid_grant", "Invalid redirect URI");
        }

        if (pending.Challenge is null && !clientAuthenticated)
        {
            return (null, null, "invalid_client", "Invalid client secret");
        }

        if (pending.Challenge is not null)
        {
            if (string.IsNullOrEmpty(verifier))
            {
                return (null, null, "invalid_request", "code_verifier required");
            }

            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Challenge(verifier)), Encoding.ASCII.GetBytes(pending.Challenge)))
            {
                return (null, null, "invalid_grant", "code_verifier was incorrect");
            }
        }

        var grant = new UserGrant(pending.User, pending.Scope, now, pending.Challenge is not null);
        var refreshToken = TokenIssuer.NewToken("AQ", 96);
        _refreshTokens[refreshToken] = grant;
        return (grant, refreshToken, null, null);
    }

    /// <summary>The grant behind <paramref name="refreshToken"/> and, when rotating, its replacement; on failure the OAuth error.</summary>
    public (UserGrant? Grant, string? Rotated, string? Error, string? Description) Refresh(string refreshToken, bool clientAuthenticated)
    {
        if (refreshToken.Length == 0 || !_refreshTokens.TryGetValue(refreshToken, out var grant))
        {
            return (null, null, "invalid_grant", "Invalid refresh token");
        }

        if (!grant.Pkce && !clientAuthenticated)
        {
            return (null, null, "invalid_client", "Invalid client secret");
        }

        if (grant.Revoked)
        {
            return (null, null, "invalid_grant", "Refresh token revoked");
        }

        var expiresAt = options.RefreshTokenLifetime is { } lifetime ? grant.AuthorizedAt + lifetime : grant.AuthorizedAt.AddMonths(6);
        if (options.Time.GetUtcNow() >= expiresAt)
        {
            return (null, null, "invalid_grant", "Refresh token expired");
        }

        if (!options.RotateRefreshTokens)
        {
            return (grant, null, null, null);
        }

        // A rotated refresh token replaces the old one, which stops working (the grant and its expiry stay).
        if (!_refreshTokens.TryRemove(KeyValuePair.Create(refreshToken, grant)))
        {
            return (null, null, "invalid_grant", "Invalid refresh token");
        }

        var rotated = TokenIssuer.NewToken("AQ", 96);
        _refreshTokens[rotated] = grant;
        return (grant, rotated, null, null);
    }

    /// <summary>Revokes every live grant that <paramref name="matches"/>, as when its user removes the app's access; returns how many.</summary>
    public int Revoke(Func<UserGrant, bool> matches)
    {
        var grants = _refreshTokens.Values.Where(g => !g.Revoked && matches(g)).Distinct().ToList();
        grants.ForEach(g => g.Revoke());
        return grants.Count;
    }

    /// <summary>The S256 challenge of a verifier: BASE64URL(SHA256(ASCII(verifier))) without padding (RFC 7636 §4.2).</summary>
    public static string Challenge(string verifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).Replace('+', '-').Replace('/', '_').TrimEnd('=');
}
