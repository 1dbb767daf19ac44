using Refrain.Providers.MusicBrainz;
using Refrain.Providers.Snapshot;
using Refrain.Providers.Songstats;
using Refrain.Providers.Spotify;

namespace Refrain.Providers;

/// <summary>The providers this build talks to: listed (and pausable) before any pause, limit or quota row exists for them.</summary>
public static class ProviderNames
{
    public static readonly IReadOnlyList<string> Known = [MusicBrainzClient.Provider, SnapshotClient.Provider, SongstatsClient.Provider, SpotifyClient.Provider];
}
