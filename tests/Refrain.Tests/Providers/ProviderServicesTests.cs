using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Refrain.Hosting;
using Refrain.Providers;
using Refrain.Providers.MusicBrainz;
using Refrain.Providers.Spotify;
using Refrain.Storage;

namespace Refrain.Tests.Providers;

/// <summary>
/// Provider settings at start-up: MusicBrainz refuses anonymous clients, so without a User-Agent the provider is not started
/// (turned off at the gate, the setting named) and its client refuses to be built; malformed settings stop the host.
/// </summary>
public sealed class ProviderServicesTests : IAsyncDisposable
{
    private readonly RefrainStore _store = StoreFactory.Create($"Data Source={Path.Combine(Path.GetTempPath(), $"refrain-test-{Guid.NewGuid():N}.db")}", TimeProvider.System);

    private const string UserAgent = "Refrain/1.0 ( ops@example.com )";

    [Fact]
    public void Start_WithoutUserAgent_TurnsMusicBrainzOffNamingTheSetting()
    {
        using var services = Services(new() { ["Providers:Spotify:ClientId"] = "id", ["Providers:Spotify:ClientSecret"] = "secret" });

        var off = ProviderServices.StartProviders(services);

        Assert.Contains("Providers:MusicBrainz:UserAgent is required", Assert.Single(off).Value, StringComparison.Ordinal);
        Assert.Contains("Providers:MusicBrainz:UserAgent", services.GetRequiredService<ProviderGate>().Off[MusicBrainzClient.Provider], StringComparison.Ordinal);
        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<MusicBrainzClient>());
        Assert.Contains("Providers:MusicBrainz:UserAgent", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_WithUserAgentWithoutContact_TurnsMusicBrainzOff()
    {
        using var services = Services(new() { ["Providers:MusicBrainz:UserAgent"] = "Refrain" });

        var off = ProviderServices.StartProviders(services);

        Assert.Contains("Providers:MusicBrainz:UserAgent must name", off[MusicBrainzClient.Provider], StringComparison.Ordinal);
    }

    [Fact]
    public void Start_WithoutSpotifyCredentials_TurnsSpotifyOffNamingTheSettings()
    {
        using var services = Services(new() { ["Providers:MusicBrainz:UserAgent"] = UserAgent });

        var off = ProviderServices.StartProviders(services);

        Assert.Equal([SpotifyClient.Provider], off.Keys);
        Assert.Contains("Providers:Spotify:ClientId", off[SpotifyClient.Provider], StringComparison.Ordinal);
        Assert.DoesNotContain(MusicBrainzClient.Provider, services.GetRequiredService<ProviderGate>().Off.Keys);
    }

    [Fact]
    public void Start_WithEverySetting_StartsBothClientsFromConfiguration()
    {
        using var services = Services(new()
        {
            ["Providers:MusicBrainz:UserAgent"] = UserAgent,
            ["Providers:MusicBrainz:BaseUrl"] = "http://127.0.0.1:5081",
            ["Providers:Spotify:ClientId"] = "id",
            ["Providers:Spotify:ClientSecret"] = "secret",
            ["Providers:Spotify:BatchTrackLookup"] = "true",
            ["Providers:Spotify:TrackCacheAge"] = "2.00:00:00",
        });

        services.GetRequiredService<IStartupValidator>().Validate();

        Assert.Empty(ProviderServices.StartProviders(services));
        Assert.NotNull(services.GetRequiredService<MusicBrainzClient>());
        Assert.Same(services.GetRequiredService<SpotifyClient>(), services.GetRequiredService<SpotifyClient>());
        var spotify = services.GetRequiredService<IOptions<SpotifyOptions>>().Value;
        Assert.True(spotify.BatchTrackLookup);
        Assert.Equal(TimeSpan.FromDays(2), spotify.TrackCacheAge);
        Assert.Equal(TimeSpan.FromDays(7), spotify.SearchCacheAge);
        Assert.Equal(new Uri("http://127.0.0.1:5081"), services.GetRequiredService<IOptions<MusicBrainzOptions>>().Value.BaseUrl);
    }

    [Fact]
    public void Startup_WithAMalformedSpotifySetting_FailsNamingIt()
    {
        using var services = Services(new() { ["Providers:Spotify:ApiBaseUrl"] = "ftp://example.com", ["Providers:Spotify:SearchCacheAge"] = "-1.00:00:00" });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Providers:Spotify:ApiBaseUrl must be an absolute http or https URL", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Providers:Spotify:SearchCacheAge must not be negative", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var musicBrainz = new MusicBrainzOptions();
        var spotify = new SpotifyOptions();

        Assert.Equal((30, TimeSpan.FromSeconds(30)), (musicBrainz.RequestsPerWindow, musicBrainz.Window));
        Assert.Equal(new Uri("https://musicbrainz.org"), musicBrainz.BaseUrl);
        Assert.Equal(new Uri("https://api.spotify.com"), spotify.ApiBaseUrl);
        Assert.Equal(new Uri("https://accounts.spotify.com"), spotify.AccountsBaseUrl);
        Assert.False(spotify.BatchTrackLookup);
        Assert.Equal(TimeSpan.FromDays(30), spotify.TrackCacheAge);
        Assert.Equal(TimeSpan.FromDays(7), spotify.SearchCacheAge);
    }

    [Fact]
    public void Client_WithoutUserAgent_RefusesToBeBuilt()
    {
        using var http = new HttpClient();

        var ex = Assert.Throws<OptionsValidationException>(() => new MusicBrainzClient(http, new MusicBrainzOptions(), NullLogger<MusicBrainzClient>.Instance));

        Assert.Contains("Providers:MusicBrainz:UserAgent", ex.Message, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync() => await _store.DisposeAsync();

    private ServiceProvider Services(Dictionary<string, string?> settings)
    {
        // The paid providers are configured here so these tests speak of Spotify and MusicBrainz only.
        settings.TryAdd("Providers:Songstats:ApiKey", "songstats-key");
        settings.TryAdd("Providers:Snapshot:BaseUrl", "http://127.0.0.1:5082");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(new ProviderGate(_store, new Dictionary<string, ProviderOptions>(), TimeProvider.System))
            .AddProviders(configuration)
            .BuildServiceProvider();
    }
}
