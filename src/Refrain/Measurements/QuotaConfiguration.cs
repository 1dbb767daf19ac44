using Refrain.Measurements.Quota;
using Refrain.Providers.Snapshot;
using Refrain.Providers.Songstats;

namespace Refrain.Measurements;

/// <summary>Reads the paid providers' caps and prices, and the accounts' own caps, from configuration.</summary>
public static class QuotaConfiguration
{
    /// <summary>
    /// <c>Providers:Songstats:MonthlyCallCap</c> and <c>CostPerCallUsd</c>, <c>Providers:Snapshot:MonthlyCallCap</c> and
    /// <c>CostPerAlbumUsd</c> (default 0.003), and every <c>Accounts:&lt;name&gt;:SongstatsMonthlyCap</c>. Read directly, not
    /// through the clients' options, so usage can be reported on a node where a provider is not started.
    /// </summary>
    public static QuotaLimits Limits(IConfiguration configuration)
    {
        var limits = new QuotaLimits();
        var songstats = configuration.GetSection(SongstatsOptions.Section);
        var snapshot = configuration.GetSection(SnapshotOptions.Section);
        limits.ProviderCaps[SongstatsClient.Provider] = songstats.GetValue<long>(nameof(SongstatsOptions.MonthlyCallCap));
        limits.ProviderCaps[SnapshotClient.Provider] = snapshot.GetValue<long>(nameof(SnapshotOptions.MonthlyCallCap));
        limits.CostPerCallUsd[SongstatsClient.Provider] = songstats.GetValue<decimal>(nameof(SongstatsOptions.CostPerCallUsd));
        limits.CostPerCallUsd[SnapshotClient.Provider] = snapshot.GetValue(nameof(SnapshotOptions.CostPerAlbumUsd), new SnapshotOptions().CostPerAlbumUsd);
        foreach (var account in configuration.GetSection("Accounts").GetChildren())
        {
            if (account.GetValue<long?>("SongstatsMonthlyCap") is { } cap)
            {
                limits.SongstatsAccountCaps[account.Key] = cap;
            }
        }

        return limits;
    }
}
