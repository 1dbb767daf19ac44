namespace Refrain.Providers.MusicBrainz;

/// <summary>The MusicBrainz web service client (configuration <c>Providers:MusicBrainz</c>).</summary>
public sealed class MusicBrainzOptions
{
    public const string Section = "Providers:MusicBrainz";

    /// <summary>The service root; requests go to <c>{BaseUrl}/ws/2/...</c>. Default <c>https://musicbrainz.org</c>.</summary>
    public Uri BaseUrl { get; set; } = new("https://musicbrainz.org");

    /// <summary>
    /// Required, no default: MusicBrainz blocks anonymous clients. Name the application, its version and a contact, e.g.
    /// <c>Refrain/1.0 ( ops@example.com )</c>.
    /// </summary>
    public string? UserAgent { get; set; }

    /// <summary>
    /// Requests allowed in any rolling <see cref="Window"/>, enforced by the provider gate (which reads the same keys).
    /// Default 30 per 30 seconds: MusicBrainz's one request per second.
    /// </summary>
    public int RequestsPerWindow { get; set; } = 30;

    /// <summary>The rolling window of <see cref="RequestsPerWindow"/>. Default 30 seconds.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one HTTP request may take before it counts as a timeout (a retry). Default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Names every bad setting, or returns an empty list.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(UserAgent))
        {
            errors.Add($"{Section}:UserAgent is required: MusicBrainz refuses anonymous clients; name the application and a contact, e.g. \"Refrain/1.0 ( ops@example.com )\"");
        }
        else if (!UserAgent.Contains('/', StringComparison.Ordinal) || !(UserAgent.Contains('@', StringComparison.Ordinal) || UserAgent.Contains("http", StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add($"{Section}:UserAgent must name the application with its version and a contact (an e-mail address or URL), e.g. \"Refrain/1.0 ( ops@example.com )\"");
        }

        if (BaseUrl is null || !BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttp && BaseUrl.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{Section}:BaseUrl must be an absolute http or https URL");
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
}
