using Microsoft.Extensions.Options;
using Refrain.Measurements;
using Refrain.Measurements.Quota;
using Refrain.Providers;
using Refrain.Providers.MusicBrainz;
using Refrain.Providers.Snapshot;
using Refrain.Providers.Songstats;
using Refrain.Providers.Spotify;

namespace Refrain.Hosting;

/// <summary>Registers the provider clients: their options, their HTTP clients and the clients themselves.</summary>
public static class ProviderServices
{
    /// <summary>
    /// Adds <see cref="SpotifyClient"/> and <see cref="MusicBrainzClient"/> (singletons: the Spotify token is shared) bound to
    /// <c>Providers:Spotify</c> and <c>Providers:MusicBrainz</c>, the paid <see cref="SongstatsClient"/> and
    /// <see cref="SnapshotClient"/> with the <see cref="QuotaService"/> that caps and ledgers their calls. Malformed Spotify settings stop the host from starting. A
    /// provider whose required settings are missing (MusicBrainz's User-Agent, Spotify's client credentials, Songstats' API key, the snapshot service's address) is not started
    /// on this node: at host start it is turned off at the gate with the setting named (see <see cref="StartProviders"/>),
    /// and its client refuses to be built. Needs the engine's <see cref="TimeProvider"/> and <see cref="ProviderGate"/>.
    /// </summary>
    public static IServiceCollection AddProviders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SpotifyOptions>().Bind(configuration.GetSection(SpotifyOptions.Section)).ValidateOnStart();
        services.AddOptions<MusicBrainzOptions>().Bind(configuration.GetSection(MusicBrainzOptions.Section));
        services.AddSingleton<IValidateOptions<SpotifyOptions>, SpotifyOptionsValidator>();
        services.AddSingleton<IValidateOptions<MusicBrainzOptions>, MusicBrainzOptionsValidator>();
        services.AddOptions<SongstatsOptions>().Bind(configuration.GetSection(SongstatsOptions.Section));
        services.AddOptions<SnapshotOptions>().Bind(configuration.GetSection(SnapshotOptions.Section));
        services.AddSingleton<IValidateOptions<SongstatsOptions>, SongstatsOptionsValidator>();
        services.AddSingleton<IValidateOptions<SnapshotOptions>, SnapshotOptionsValidator>();
        services.AddSingleton(_ => QuotaConfiguration.Limits(configuration));
        services.AddSingleton<QuotaService>();

        // The clients are singletons holding their HttpClient: connections are recycled by the handler's pooled lifetime
        // (DNS changes are seen) rather than by the factory rotating handlers. The provider log replaces per-request logging.
        services.AddHttpClient(SpotifyClient.Provider, (sp, http) => http.Timeout = sp.GetRequiredService<IOptions<SpotifyOptions>>().Value.Timeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        services.AddHttpClient(MusicBrainzClient.Provider, (sp, http) => http.Timeout = sp.GetRequiredService<IOptions<MusicBrainzOptions>>().Value.Timeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();

        services.AddHttpClient(SongstatsClient.Provider, (sp, http) => http.Timeout = sp.GetRequiredService<IOptions<SongstatsOptions>>().Value.Timeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        services.AddHttpClient(SnapshotClient.Provider, (sp, http) => http.Timeout = sp.GetRequiredService<IOptions<SnapshotOptions>>().Value.Timeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();

        services.AddSingleton(sp => new SpotifyClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(SpotifyClient.Provider),
            sp.GetRequiredService<IOptions<SpotifyOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SpotifyClient>>()));
        services.AddSingleton(sp => new MusicBrainzClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(MusicBrainzClient.Provider),
            sp.GetRequiredService<IOptions<MusicBrainzOptions>>().Value,
            sp.GetRequiredService<ILogger<MusicBrainzClient>>()));
        services.AddSingleton(sp => new SongstatsClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(SongstatsClient.Provider),
            sp.GetRequiredService<IOptions<SongstatsOptions>>().Value,
            sp.GetRequiredService<QuotaService>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SongstatsClient>>()));
        services.AddSingleton(sp => new SnapshotClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(SnapshotClient.Provider),
            sp.GetRequiredService<IOptions<SnapshotOptions>>().Value,
            sp.GetRequiredService<QuotaService>(),
            sp.GetRequiredService<ILogger<SnapshotClient>>()));
        services.AddHostedService<ProviderStartup>();
        return services;
    }

    /// <summary>
    /// Checks each provider's required settings and turns off, on this node's gate, every provider that lacks one (its jobs
    /// wait for a node that runs it); logs each with the setting named. Returns provider → reason. Runs at host start.
    /// </summary>
    public static IReadOnlyDictionary<string, string> StartProviders(IServiceProvider services)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            _ = services.GetRequiredService<IOptions<MusicBrainzOptions>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            problems[MusicBrainzClient.Provider] = string.Join("; ", ex.Failures);
        }

        try
        {
            _ = services.GetRequiredService<IOptions<SongstatsOptions>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            problems[SongstatsClient.Provider] = string.Join("; ", ex.Failures);
        }

        try
        {
            _ = services.GetRequiredService<IOptions<SnapshotOptions>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            problems[SnapshotClient.Provider] = string.Join("; ", ex.Failures);
        }

        var spotify = services.GetRequiredService<IOptions<SpotifyOptions>>().Value;
        if (string.IsNullOrWhiteSpace(spotify.ClientId) || string.IsNullOrWhiteSpace(spotify.ClientSecret))
        {
            problems[SpotifyClient.Provider] = $"{SpotifyOptions.Section}:ClientId and {SpotifyOptions.Section}:ClientSecret are required (a Spotify app's client credentials)";
        }

        var gate = services.GetRequiredService<ProviderGate>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProviderServices).FullName!);
        foreach (var (provider, reason) in problems)
        {
            gate.TurnOff(provider, reason);
            ProvidersLog.ProviderOff(logger, provider, reason);
        }

        return problems;
    }

    /// <summary>Runs <see cref="StartProviders"/> when the host starts, before the workers claim anything.</summary>
    private sealed class ProviderStartup(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            StartProviders(services);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
