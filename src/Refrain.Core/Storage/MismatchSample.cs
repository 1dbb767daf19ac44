namespace Refrain.Storage;

/// <summary>A song the duration sweep would pick: its canonical and linked durations.</summary>
public sealed class MismatchSample
{
    public long SongId { get; set; }
    public string Title { get; set; } = "";
    public string Artists { get; set; } = "[]";
    public long DurationMs { get; set; }
    public string SpotifyTrackId { get; set; } = "";
    public long TrackDurationMs { get; set; }

    public long DeltaMs => Math.Abs(DurationMs - TrackDurationMs);
}
