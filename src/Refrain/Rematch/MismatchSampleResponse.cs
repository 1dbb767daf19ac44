using System.Text.Json;
using Refrain.Storage;

namespace Refrain.Rematch;

/// <summary>A song the duration sweep would pick: its canonical and linked durations and how far apart they are.</summary>
public sealed record MismatchSampleResponse(
    long SongId, string Title, IReadOnlyList<string> Artists, long DurationMs, string SpotifyTrackId, long TrackDurationMs, long DeltaMs)
{
    public static MismatchSampleResponse From(MismatchSample s) => new(
        s.SongId, s.Title, JsonSerializer.Deserialize<List<string>>(s.Artists) ?? [], s.DurationMs, s.SpotifyTrackId, s.TrackDurationMs, s.DeltaMs);
}
