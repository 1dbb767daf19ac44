namespace Refrain.Listening.Connect;

/// <summary>
/// Connecting a listener's Spotify account (configuration <c>Providers:Spotify</c>, beside the client's own settings, and
/// <c>Api:PublicBaseUrl</c>).
/// </summary>
public sealed class SpotifyConnectOptions
{
    public const string Section = "Providers:Spotify";

    /// <summary>
    /// Where Spotify sends the browser back: this node's <c>/connect/spotify/callback</c> as registered in the Spotify app
    /// (compared exactly). Default <c>http://127.0.0.1:5080/connect/spotify/callback</c> (serve's default address).
    /// </summary>
    public Uri RedirectUri { get; set; } = new("http://127.0.0.1:5080/connect/spotify/callback");

    /// <summary>How long a connect link may be opened after it was made. Default 24 hours.</summary>
    public TimeSpan ConnectLinkLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long after opening a link the callback is accepted (the user signs in meanwhile). Default 30 minutes.</summary>
    public TimeSpan ConnectStateLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The root connect links are built on (configuration <c>Api:PublicBaseUrl</c>, e.g. behind a proxy). Default null: the
    /// scheme and host of the request that asks for the link.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Names every bad setting, or returns an empty list.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!RedirectUri.IsAbsoluteUri || (RedirectUri.Scheme != Uri.UriSchemeHttp && RedirectUri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{Section}:RedirectUri must be an absolute http or https URL");
        }

        if (ConnectLinkLifetime <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:ConnectLinkLifetime must be positive");
        }

        if (ConnectStateLifetime <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:ConnectStateLifetime must be positive");
        }

        if (PublicBaseUrl is { } root && (!root.IsAbsoluteUri || (root.Scheme != Uri.UriSchemeHttp && root.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add("Api:PublicBaseUrl must be an absolute http or https URL");
        }

        return errors;
    }
}
