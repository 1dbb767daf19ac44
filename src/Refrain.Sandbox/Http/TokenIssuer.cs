using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Refrain.Sandbox;

/// <summary>Access tokens (client credentials and user tokens): issued with the configured lifetime, checked on every Web API request.</summary>
internal sealed class TokenIssuer(SandboxOptions options)
{
    private static readonly IReadOnlySet<string> NoScopes = new HashSet<string>(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IssuedToken> _issued = new(StringComparer.Ordinal);

    /// <summary>A client-credentials token.</summary>
    public (string Token, long ExpiresIn) Issue() => Issue(null, NoScopes);

    /// <summary>A token for <paramref name="user"/> with <paramref name="scopes"/> (null user: client credentials).</summary>
    public (string Token, long ExpiresIn) Issue(SandboxUser? user, IReadOnlySet<string> scopes)
    {
        var now = options.Time.GetUtcNow();
        if (_issued.Count > 10_000)
        {
            foreach (var old in _issued.Where(e => e.Value.Expiry < now).Select(e => e.Key).ToList())
            {
                _issued.TryRemove(old, out _);
            }
        }

        var token = NewToken("BQ", 60);
        _issued[token] = new IssuedToken(now + options.TokenLifetime, user, scopes);
        return (token, (long)options.TokenLifetime.TotalSeconds);
    }

    /// <summary>Null when <paramref name="authorization"/> carries a live bearer token; else why not, as Spotify says it.</summary>
    public string? Refusal(string? authorization) => Refusal(authorization, out _);

    /// <summary>As <see cref="Refusal(string?)"/>, also handing back the live token.</summary>
    public string? Refusal(string? authorization, out IssuedToken? issued)
    {
        issued = null;
        if (string.IsNullOrWhiteSpace(authorization) || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return "No token provided";
        }

        if (!_issued.TryGetValue(authorization["Bearer ".Length..].Trim(), out var token))
        {
            return "Invalid access token";
        }

        if (options.Time.GetUtcNow() >= token.Expiry)
        {
            return "The access token expired";
        }

        issued = token;
        return null;
    }

    /// <summary>Every token issued so far stops working now (a forced expiry mid-run).</summary>
    public void ExpireAll()
    {
        foreach (var (key, token) in _issued)
        {
            _issued[key] = token with { Expiry = DateTimeOffset.MinValue };
        }
    }

    /// <summary>An opaque token in Spotify's style: a prefix and URL-safe base-64.</summary>
    public static string NewToken(string prefix, int bytes) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
}
