namespace Refrain.Providers.Songstats;

/// <summary>The Songstats Enterprise API client (configuration <c>Providers:Songstats</c>). Every call is paid and capped.</summary>
public sealed class SongstatsOptions
{
    public const string Section = "Providers:Songstats";

    /// <summary>The API root; requests go to <c>{BaseUrl}/enterprise/v1/...</c>. Default <c>https://api.songstats.com</c>.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.songstats.com");

    /// <summary>Required, no default: sent as the <c>apikey</c> header. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Where a history starts for a song without a release date. Default 2015-01-01.</summary>
    public DateOnly HistoryStart { get; set; } = new(2015, 1, 1);

    /// <summary>Calls allowed per UTC calendar month across every account; 0 means no cap. Default 0.</summary>
    public long MonthlyCallCap { get; set; }

    /// <summary>What one call costs in USD, for the ledger and estimates. Default 0.</summary>
    public decimal CostPerCallUsd { get; set; }

    /// <summary>How long one HTTP request may take before it counts as a timeout (a retry; the call stays paid). Default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Names every bad setting, or returns an empty list.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            errors.Add($"{Section}:ApiKey is required (the Songstats Enterprise API key)");
        }

        if (BaseUrl is null || !BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttp && BaseUrl.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{Section}:BaseUrl must be an absolute http or https URL");
        }

        if (MonthlyCallCap < 0)
        {
            errors.Add($"{Section}:MonthlyCallCap must be 0 (no cap) or more");
        }

        if (CostPerCallUsd < 0)
        {
            errors.Add($"{Section}:CostPerCallUsd must be 0 or more");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:Timeout must be positive");
        }

        return errors;
    }
}
