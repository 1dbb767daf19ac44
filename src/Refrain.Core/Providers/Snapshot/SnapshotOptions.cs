namespace Refrain.Providers.Snapshot;

/// <summary>
/// The snapshot service (configuration <c>Providers:Snapshot</c>): the cheap "current" source of play counts, a scraper in
/// production. Rate-limited by the provider gate and ledgered per album; never payment-gated.
/// </summary>
public sealed class SnapshotOptions
{
    public const string Section = "Providers:Snapshot";

    /// <summary>Required, no default: the service root; requests go to <c>{BaseUrl}/albums/{id}/playcounts</c>.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>What one album costs in USD, for the ledger and estimates. Default 0.003.</summary>
    public decimal CostPerAlbumUsd { get; set; } = 0.003m;

    /// <summary>Albums allowed per UTC calendar month; 0 means no cap. Default 0.</summary>
    public long MonthlyCallCap { get; set; }

    /// <summary>How long one HTTP request may take before it counts as a timeout (a retry; the album stays paid). Default 60 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Names every bad setting, or returns an empty list.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (BaseUrl is null)
        {
            errors.Add($"{Section}:BaseUrl is required (the snapshot service's address)");
        }
        else if (!BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttp && BaseUrl.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{Section}:BaseUrl must be an absolute http or https URL");
        }

        if (CostPerAlbumUsd < 0)
        {
            errors.Add($"{Section}:CostPerAlbumUsd must be 0 or more");
        }

        if (MonthlyCallCap < 0)
        {
            errors.Add($"{Section}:MonthlyCallCap must be 0 (no cap) or more");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:Timeout must be positive");
        }

        return errors;
    }
}
