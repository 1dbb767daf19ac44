using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using Refrain.Providers.MusicBrainz;
using Refrain.Providers.Snapshot;
using Refrain.Providers.Songstats;
using Refrain.Providers.Spotify;

namespace Refrain.Metrics;

/// <summary>
/// Puts a <see cref="ProviderRequestCounter"/> in front of the named HTTP client of each provider (the clients are named after
/// their provider), and of no other client: webhooks and the like are not provider calls.
/// </summary>
internal sealed class ProviderRequestCounting(EngineMetrics metrics) : IConfigureNamedOptions<HttpClientFactoryOptions>
{
    private static readonly HashSet<string> Providers =
        new([SpotifyClient.Provider, MusicBrainzClient.Provider, SongstatsClient.Provider, SnapshotClient.Provider], StringComparer.Ordinal);

    public void Configure(string? name, HttpClientFactoryOptions options)
    {
        if (name is not null && Providers.Contains(name))
        {
            options.HttpMessageHandlerBuilderActions.Add(builder => builder.AdditionalHandlers.Insert(0, new ProviderRequestCounter(name, metrics)));
        }
    }

    public void Configure(HttpClientFactoryOptions options) => Configure(Options.DefaultName, options);
}
