using System.Text.Json.Serialization;

namespace Refrain.Listening.Enrichment;

/// <summary>
/// A distinct track a listener's plays wait on, as an enrich_tracks job carries it: the key, and for a name-only key the
/// normalised title and artist to search for, the play's own spelling and album for the matcher, and the longest of its
/// plays (a complete play lasts the track's length).
/// </summary>
public sealed record PendingTrack(
    [property: JsonPropertyName("k")] string Key,
    [property: JsonPropertyName("nt")] string? NormTitle = null,
    [property: JsonPropertyName("na")] string? NormArtist = null,
    [property: JsonPropertyName("t")] string? Title = null,
    [property: JsonPropertyName("a")] string? Artist = null,
    [property: JsonPropertyName("al")] string? Album = null,
    [property: JsonPropertyName("ms")] long? LongestPlayMs = null)
{
    public const string IdPrefix = "id:";
    public const string NamePrefix = "name:";

    /// <summary>The Spotify track id of an <c>id:</c> key; null for a name key.</summary>
    [JsonIgnore]
    public string? TrackId => Key.StartsWith(IdPrefix, StringComparison.Ordinal) ? Key[IdPrefix.Length..] : null;
}
