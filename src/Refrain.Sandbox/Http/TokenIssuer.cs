using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Refrain.Sandbox;

/// <summary>Client-credentials access tokens: issued with the configured lifetime, checked on every Web API request.</summary>
internal sealed class TokenIssuer(SandboxOptions options)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);

    public (string Token, long ExpiresIn) Issue()
    {
        var now = options.Time.GetUtcNow();
        if (_expiries.Count > 10_000)
        {
            foreach (var old in _expiries.Where(e => e.Value < now).Select(e => e.Key).ToList())
            {
                _expiries.TryRemove(old, out _);
            }
        }

        var token = "BQ" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(60)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        _expiries[token] = now + options.TokenLifetime;
        return (token, (long)options.TokenLifetime.TotalSeconds);
    }

    /// <summary>Null when <paramref name="authorization"/> carries a live bearer token; else why not, as Spotify says it.</summary>
    public string? Refusal(string? authorization)
    {
        if (string.IsNullOrWhiteSpace(authorization) || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return "No token provided";
        }

        if (!_expiries.TryGetValue(authorization["Bearer ".Length..].Trim(), out var expiry))
        {
            return "Invalid access token";
        }

        return options.Time.GetUtcNow() >= expiry ? "The access token expired" : null;
    }

    /// <summary>Every token issued so far stops working now (a forced expiry mid-run).</summary>
    public void ExpireAll()
    {
        foreach (var token in _expiries.Keys)
        {
            _expiries[token] = DateTimeOffset.MinValue;
        }
    }
}
