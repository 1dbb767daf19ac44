using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refrain.Hosting;
using Refrain.Measurements.Quota;
using Refrain.Providers;
using Refrain.Providers.Snapshot;
using Refrain.Providers.Songstats;
using Refrain.Storage;

namespace Refrain.Tests.Providers;

/// <summary>
/// The paid providers at start-up: Songstats without an API key and the snapshot service without an address are not started
/// on the node (turned off at the gate, the setting named); caps and prices come from configuration.
/// </summary>
public sealed class PaidProviderServicesTests : IAsyncDisposable
{
    private readonly RefrainStore _store = StoreFactory.Create($"Data Source={Path.Combine(Path.GetTempPath(), $"refrain-test-{Guid.NewGuid():N}.db")}", TimeProvider.System);

    [Fact]
    public void Start_WithoutTheirSettings_TurnsSongstatsAndSnapshotOffNamingThem()
    {
        using var services = Services([]);

        var off = ProviderServices.StartProviders(services);

        Assert.Contains("Providers:Songstats:ApiKey is required", off[SongstatsClient.Provider], StringComparison.Ordinal);
        Assert.Contains("Providers:Snapshot:BaseUrl is required", off[SnapshotClient.Provider], StringComparison.Ordinal);
        Assert.Contains(SongstatsClient.Provider, services.GetRequiredService<ProviderGate>().Off.Keys);
        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<SongstatsClient>());
    }

    [Fact]
    public void Start_WithTheirSettings_BuildsTheClientsAndReadsCapsAndPrices()
    {
        using var services = Services(new()
        {
            ["Providers:Songstats:ApiKey"] = "key",
            ["Providers:Songstats:MonthlyCallCap"] = "5000",
            ["Providers:Songstats:CostPerCallUsd"] = "0.02",
            ["Providers:Songstats:HistoryStart"] = "2018-01-01",
            ["Providers:Snapshot:BaseUrl"] = "http://127.0.0.1:5082",
            ["Accounts:label:SongstatsMonthlyCap"] = "300",
        });

        var off = ProviderServices.StartProviders(services);

        Assert.DoesNotContain(SongstatsClient.Provider, off.Keys);
        Assert.DoesNotContain(SnapshotClient.Provider, off.Keys);
        Assert.Equal(new DateOnly(2018, 1, 1), services.GetRequiredService<SongstatsClient>().HistoryStart(null));
        Assert.NotNull(services.GetRequiredService<SnapshotClient>());
        var limits = services.GetRequiredService<QuotaService>().Limits;
        Assert.Equal((5000L, (long?)null), (limits.ProviderCap("songstats")!.Value, limits.ProviderCap("snapshot")));
        Assert.Equal((20_000L, 3_000L), (limits.CostMicroUsd("songstats"), limits.CostMicroUsd("snapshot")));
        Assert.Equal((300L, (long?)null), (limits.AccountCap("songstats", "label")!.Value, limits.AccountCap("songstats", "default")));
    }

    private ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(_store)
            .AddSingleton(new ProviderGate(_store, new Dictionary<string, ProviderOptions>(), TimeProvider.System))
            .AddProviders(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
