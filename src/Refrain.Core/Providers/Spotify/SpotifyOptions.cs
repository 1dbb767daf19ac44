namespace Refrain.Providers.Spotify;

/// <summary>The Spotify Web API client (configuration <c>Providers:Spotify</c>).</summary>
public sealed class SpotifyOptions
{
    public const string Section = "Providers:Spotify";

    /// <summary>The Web API root; requests go to <c>{ApiBaseUrl}/v1/...</c>. Default <c>https://api.spotify.com</c>.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.spotify.com");

    /// <summary>The Accounts service root; tokens come from <c>{AccountsBaseUrl}/api/token</c>. Default <c>https://accounts.spotify.com</c>.</summary>
    public Uri AccountsBaseUrl { get; set; } = new("https://accounts.spotify.com");

    /// <summary>The app's client id (client-credentials flow). No default: calls fail permanently without it.</summary>
    public string? ClientId { get; set; }

    /// <summary>The app's client secret. No default; never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// Use <c>GET /v1/tracks?ids=</c> (at most 50 ids) instead of one <c>GET /v1/tracks/{id}</c> per track. Only Extended
    /// Quota apps still have the batch endpoint. Default false.
    /// </summary>
    public bool BatchTrackLookup { get; set; }

    /// <summary>How long track metadata read from Spotify is served from the database. Default 30 days.</summary>
    public TimeSpan TrackCacheAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a search answer is served from the database. Default 7 days.</summary>
    public TimeSpan SearchCacheAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Requests allowed in any rolling <see cref="Window"/>, enforced by the provider gate across workers and nodes (the gate
    /// reads the same keys). 0 means unlimited. Default 0.
    /// </summary>
    public int RequestsPerWindow { get; set; }

    /// <summary>The rolling window of <see cref="RequestsPerWindow"/>. Default 30 seconds (Spotify's own window).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one HTTP request may take before it counts as a timeout (a retry). Default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Names every bad setting, or returns an empty list.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        CheckUrl(errors, ApiBaseUrl, nameof(ApiBaseUrl));
        CheckUrl(errors, AccountsBaseUrl, nameof(AccountsBaseUrl));
        if (TrackCacheAge < TimeSpan.Zero)
        {
            errors.Add($"{Section}:TrackCacheAge must not be negative");
        }

        if (SearchCacheAge < TimeSpan.Zero)
        {
            errors.Add($"{Section}:SearchCacheAge must not be negative");
        }

        if (RequestsPerWindow < 0)
        {
            errors.Add($"{Section}:RequestsPerWindow must be 0 (unlimited) or more");
        }

        if (Window <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:Window must be positive");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:Timeout must be positive");
        }

        return errors;
    }

    private static void CheckUrl(List<string> errors, Uri? url, string name)
    {
        if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{Section}:{name} must be an absolute http or https URL");
        }
    }
}
