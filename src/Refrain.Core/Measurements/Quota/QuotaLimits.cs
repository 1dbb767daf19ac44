using Refrain.Providers.Snapshot;
using Refrain.Providers.Songstats;

namespace Refrain.Measurements.Quota;

/// <summary>
/// The monthly caps and prices of the paid providers, read from configuration: <c>Providers:&lt;P&gt;:MonthlyCallCap</c>
/// (0 or unset: none), the price of one call (Songstats <c>CostPerCallUsd</c>, Snapshot <c>CostPerAlbumUsd</c>) and
/// <c>Accounts:&lt;name&gt;:SongstatsMonthlyCap</c>.
/// </summary>
public sealed class QuotaLimits
{
    /// <summary>The paid providers, reported even before their first call.</summary>
    public static readonly IReadOnlyList<string> PaidProviders = [SongstatsClient.Provider, SnapshotClient.Provider];

    /// <summary>Provider → calls allowed per UTC month across every account.</summary>
    public Dictionary<string, long> ProviderCaps { get; } = new(StringComparer.Ordinal);

    /// <summary>Provider → price of one call in USD.</summary>
    public Dictionary<string, decimal> CostPerCallUsd { get; } = new(StringComparer.Ordinal);

    /// <summary>Account name → Songstats calls allowed per UTC month for that account.</summary>
    public Dictionary<string, long> SongstatsAccountCaps { get; } = new(StringComparer.Ordinal);

    /// <summary>The provider's cap, or null when it has none.</summary>
    public long? ProviderCap(string provider) => ProviderCaps.TryGetValue(provider, out var cap) && cap > 0 ? cap : null;

    /// <summary>The account's own cap for the provider, or null (only Songstats has per-account caps).</summary>
    public long? AccountCap(string provider, string? accountName) =>
        provider == "songstats" && accountName is not null && SongstatsAccountCaps.TryGetValue(accountName, out var cap) && cap > 0 ? cap : null;

    /// <summary>The price of one call in micro-dollars (integers: no rounding drift in sums).</summary>
    public long CostMicroUsd(string provider) =>
        CostPerCallUsd.TryGetValue(provider, out var usd) ? (long)Math.Round(usd * 1_000_000m, MidpointRounding.AwayFromZero) : 0;
}
