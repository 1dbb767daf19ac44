using Refrain.Providers;
using Refrain.Providers.Spotify;

namespace Refrain.Rematch;

/// <summary>
/// Whether this server can read a track from Spotify now, which accepting a review candidate needs: the credential settings
/// it lacks, or why the provider is off here. The reviews API and the dashboard's mismatch page both ask it.
/// </summary>
internal sealed record SpotifyAvailability(IReadOnlyList<string> MissingSettings, string? OffReason)
{
    /// <summary>The sentence to show: what to set, or why Spotify is off; null when it is available.</summary>
    public string? Explanation => MissingSettings.Count > 0
        ? $"accepting reads the track from Spotify, and this server has no Spotify credentials: set {string.Join(" and ", MissingSettings)}"
        : OffReason is null ? null : $"Spotify is off on this server: {OffReason}";

    public static SpotifyAvailability Of(SpotifyOptions options, ProviderGate gate)
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            missing.Add($"{SpotifyOptions.Section}:ClientId");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            missing.Add($"{SpotifyOptions.Section}:ClientSecret");
        }

        return new SpotifyAvailability(missing, gate.Off.TryGetValue(SpotifyClient.Provider, out var reason) ? reason : null);
    }
}
