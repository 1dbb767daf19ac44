namespace Refrain.Providers.MusicBrainz;

/// <summary>A MusicBrainz recording: its MBID, title, length in ms (null when MusicBrainz does not know it), credited artists, ISRCs and first release date.</summary>
public sealed record MusicBrainzRecording(
    string Id, string Title, int? LengthMs, IReadOnlyList<string> Artists, IReadOnlyList<string> Isrcs, string? FirstReleaseDate);
