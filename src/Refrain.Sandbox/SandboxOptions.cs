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

    /// <summary>The one client the token and authorize endpoints accept. Default <c>sandbox-client</c>.</summary>
    public string ClientId { get; set; } = "sandbox-client";

    /// <summary>Its secret. Default <c>sandbox-secret</c>.</summary>
    public string ClientSecret { get; set; } = "sandbox-secret";

    /// <summary>How long an access token lives (and the <c>expires_in</c> it is issued with). Default 1 hour, as Spotify.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Redirect URIs <c>/authorize</c> accepts besides any <c>http://127.0.0.1</c> or <c>http://[::1]</c> one (Spotify lets a
    /// loopback redirect pick its port). Compared exactly, as Spotify does. Default none.
    /// </summary>
    public IList<string> RedirectUris { get; } = [];

    /// <summary>Generated users <c>/authorize</c> signs in as (see <see cref="SandboxListening"/>). Default 1000.</summary>
    public int Users { get; set; } = 1000;

    /// <summary>How long an authorization code may be exchanged. Default 10 minutes, as Spotify.</summary>
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a refresh token lives after the authorization. Default null: six calendar months, as Spotify.</summary>
    public TimeSpan? RefreshTokenLifetime { get; set; }

    /// <summary>
    /// Whether a refresh answers with a new refresh token (and the old one stops working). Default false: the answer has no
    /// <c>refresh_token</c> and the old one stays valid, as Spotify often does.
    /// </summary>
    public bool RotateRefreshTokens { get; set; }

    /// <summary>Share of hours in which a user listens (one session of back-to-back plays), in [0, 1]. Default 0.5.</summary>
    public double ListeningShare { get; set; } = 0.5;

    /// <summary>How many of a user's latest plays recently-played can reach, paging included. Default 50, as Spotify.</summary>
    public int RecentlyPlayedDepth { get; set; } = 50;

    /// <summary>The Spotify stand-in. Default limit 90 requests per 30 s (180 a minute).</summary>
    public SandboxServiceOptions Spotify { get; } = new() { RequestsPerWindow = 90 };

    /// <summary>
    /// The Spotify Accounts stand-in (<c>POST /api/token</c>, every grant), so token refreshes can fail transiently too. Default
    /// unlimited and without faults. A malformed answer to a rotating refresh still retires the old refresh token, as a lost
    /// answer would.
    /// </summary>
    public SandboxServiceOptions SpotifyAccounts { get; } = new();

    /// <summary>The MusicBrainz stand-in. Default limit 30 requests per 30 s (one a second).</summary>
    public SandboxServiceOptions MusicBrainz { get; } = new() { RequestsPerWindow = 30 };

    /// <summary>The Songstats stand-in (see <see cref="SongstatsHistories"/>). Default limit 300 requests per 30 s (ten a second).</summary>
    public SandboxServiceOptions Songstats { get; } = new() { RequestsPerWindow = 300 };

    /// <summary>The <c>apikey</c> header the Songstats stand-in accepts. Default <c>sandbox-songstats-key</c>.</summary>
    public string SongstatsApiKey { get; set; } = "sandbox-songstats-key";

    /// <summary>Share of Songstats answers that are valid JSON of the wrong shape (status 200), in [0, 1]. Default 0.</summary>
    public double SongstatsWrongShapeRate { get; set; }

    /// <summary>The snapshot service stand-in. Default limit 60 requests per 30 s.</summary>
    public SandboxServiceOptions Snapshot { get; } = new() { RequestsPerWindow = 60 };

    /// <summary>The Stripe API stand-in (see <see cref="SandboxStripe"/>). Default unlimited and without faults.</summary>
    public SandboxServiceOptions Stripe { get; } = new();

    /// <summary>The secret key (Bearer) the Stripe stand-in accepts. Default <c>sk_test_sandbox</c>.</summary>
    public string StripeSecretKey { get; set; } = "sk_test_sandbox";
}
