namespace Refrain.Sandbox;

/// <summary>A MusicBrainz recording: <see cref="LengthMs"/> may be null (unknown); one ISRC may belong to several recordings.</summary>
public sealed record SandboxRecording(
    string Id, string Title, IReadOnlyList<SandboxArtist> Artists, string? JoinPhrase, int? LengthMs, IReadOnlyList<string> Isrcs,
    string? FirstReleaseDate, string Disambiguation, int SongNumber);
