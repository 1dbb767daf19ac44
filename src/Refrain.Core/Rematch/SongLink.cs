using System.Text.Json;
using Refrain.Matching;

namespace Refrain.Rematch;

/// <summary>A song as the matcher needs it, with its current link.</summary>
public sealed class SongLink
{
    public long SongId { get; set; }
    public long AccountId { get; set; }
    public string Title { get; set; } = "";
    public string Artists { get; set; } = "[]";
    public string? Album { get; set; }
    public string? Isrc { get; set; }
    public long? DurationMs { get; set; }
    public string? MusicbrainzRecordingId { get; set; }
    public string? SpotifyTrackId { get; set; }
    public long? TrackDurationMs { get; set; }
    public string? State { get; set; }
    public string? ReviewReason { get; set; }
    public string? DecidedBy { get; set; }
    public double? Score { get; set; }
    public string? Breakdown { get; set; }
    public string? Candidates { get; set; }
    public string? MatcherVersion { get; set; }

    public IReadOnlyList<string> ArtistList => JsonSerializer.Deserialize<List<string>>(Artists) ?? [];

    public SongFacts Facts => new(Title, ArtistList, Album, Isrc, DurationMs is { } d ? (int)d : null);
}
