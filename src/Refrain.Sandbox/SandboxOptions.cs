namespace Refrain.Sandbox;

/// <summary>The sandbox: where it listens, what it serves, and each service's limit and faults (changeable while it runs).</summary>
public sealed class SandboxOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one (tests). Default 0.</summary>
    public int Port { get; set; }

    /// <summary>The catalog's seed: the same seed and size give the same catalog. Default 20261122.</summary>
    public int Seed { get; set; } = 20261122;

    /// <summary>Songs in the generated catalog. Default 600.</summary>
    public int Songs { get; set; } = 600;

    /// <summary>The sandbox clock: token expiry, rate windows, storms and HTTP-dates. Default the system clock.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>The one client the token endpoint accepts. Default <c>sandbox-client</c>.</summary>
    public string ClientId { get; set; } = "sandbox-client";

    /// <summary>Its secret. Default <c>sandbox-secret</c>.</summary>
    public string ClientSecret { get; set; } = "sandbox-secret";

    /// <summary>How long an access token lives (and the <c>expires_in</c> it is issued with). Default 1 hour, as Spotify.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The Spotify stand-in. Default limit 90 requests per 30 s (180 a minute).</summary>
    public SandboxServiceOptions Spotify { get; } = new() { RequestsPerWindow = 90 };

    /// <summary>The MusicBrainz stand-in. Default limit 30 requests per 30 s (one a second).</summary>
    public SandboxServiceOptions MusicBrainz { get; } = new() { RequestsPerWindow = 30 };
}
