using System.Globalization;
using System.Text;

namespace Refrain.Sandbox;

/// <summary>
/// The sandbox's generated world (deterministic for a seed): the songs as a catalog owner has them, the Spotify tracks and
/// the MusicBrainz recordings the endpoints serve, and lookups over them.
/// </summary>
public sealed class SandboxCatalog
{
    private readonly Dictionary<string, SandboxTrack> _tracksById;
    private readonly ILookup<string, SandboxTrack> _tracksByIsrc;
    private readonly Dictionary<string, SandboxRecording> _recordingsById;
    private readonly ILookup<string, SandboxRecording> _recordingsByIsrc;

    internal SandboxCatalog(int seed, IReadOnlyList<SandboxSong> songs, IReadOnlyList<SandboxTrack> tracks, IReadOnlyList<SandboxRecording> recordings)
    {
        Seed = seed;
        Songs = songs;
        Tracks = tracks;
        Recordings = recordings;
        _tracksById = tracks.ToDictionary(t => t.Id, StringComparer.Ordinal);
        _tracksByIsrc = tracks.Where(t => t.Isrc is not null).ToLookup(t => t.Isrc!, StringComparer.OrdinalIgnoreCase);
        _recordingsById = recordings.ToDictionary(r => r.Id, StringComparer.OrdinalIgnoreCase);
        _recordingsByIsrc = recordings.SelectMany(r => r.Isrcs.Select(i => (Isrc: i, Recording: r))).ToLookup(x => x.Isrc, x => x.Recording, StringComparer.OrdinalIgnoreCase);
    }

    public int Seed { get; }

    /// <summary>The songs as their owner has them, numbered from 1.</summary>
    public IReadOnlyList<SandboxSong> Songs { get; }

    /// <summary>Every Spotify track, versions included.</summary>
    public IReadOnlyList<SandboxTrack> Tracks { get; }

    /// <summary>Every MusicBrainz recording.</summary>
    public IReadOnlyList<SandboxRecording> Recordings { get; }

    /// <summary>Generates the catalog of <paramref name="songs"/> songs for <paramref name="seed"/>; the same arguments give the same catalog.</summary>
    public static SandboxCatalog Generate(int seed, int songs) => CatalogGenerator.Generate(seed, songs);

    public SandboxTrack? Track(string id) => _tracksById.GetValueOrDefault(id);

    public IReadOnlyList<SandboxTrack> TracksByIsrc(string isrc) => _tracksByIsrc[isrc].ToList();

    public SandboxRecording? Recording(string mbid) => _recordingsById.GetValueOrDefault(mbid);

    public IReadOnlyList<SandboxRecording> RecordingsByIsrc(string isrc) => _recordingsByIsrc[isrc].ToList();

    /// <summary>The Spotify tracks of song <paramref name="number"/> (every version, and a cover that stands in for an absent song).</summary>
    public IReadOnlyList<SandboxTrack> TracksOfSong(int number) => Tracks.Where(t => t.SongNumber == number).ToList();

    /// <summary>
    /// The songs as a catalog import file (CSV, header row, artists separated by <c>;</c>): <c>title, artists, album, isrc,
    /// duration_ms, spotify_track_id, musicbrainz_recording_id, release_date</c>.
    /// </summary>
    public string ToImportCsv()
    {
        var csv = new StringBuilder("title,artists,album,isrc,duration_ms,spotify_track_id,musicbrainz_recording_id,release_date\n");
        foreach (var s in Songs)
        {
            string?[] cells =
            [
                s.Title, string.Join(';', s.Artists), s.Album, s.Isrc, s.DurationMs?.ToString(CultureInfo.InvariantCulture),
                s.LinkedSpotifyId, s.MusicBrainzRecordingId, s.ReleaseDate,
            ];
            csv.AppendJoin(',', cells.Select(Cell)).Append('\n');
        }

        return csv.ToString();
    }

    private static string Cell(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
