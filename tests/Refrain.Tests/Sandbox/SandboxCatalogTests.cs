using System.Text.RegularExpressions;
using Refrain.Sandbox;

namespace Refrain.Tests.Sandbox;

/// <summary>The generated catalog: deterministic, and holding every hard case the re-match meets in real catalogs.</summary>
public sealed partial class SandboxCatalogTests
{
    private static readonly SandboxCatalog Catalog = SandboxCatalog.Generate(7, 600);

    [Fact]
    public void Generate_SameSeed_GivesTheSameCatalog()
    {
        var again = SandboxCatalog.Generate(7, 600);

        Assert.Equal(Catalog.Songs.Select(s => s with { Artists = [] }), again.Songs.Select(s => s with { Artists = [] }));
        Assert.Equal(Catalog.Songs.Select(s => string.Join(';', s.Artists)), again.Songs.Select(s => string.Join(';', s.Artists)));
        Assert.Equal(Catalog.Tracks.Select(t => (t.Id, t.Name, t.DurationMs, t.Isrc)), again.Tracks.Select(t => (t.Id, t.Name, t.DurationMs, t.Isrc)));
        Assert.Equal(Catalog.Recordings.Select(r => (r.Id, r.LengthMs)), again.Recordings.Select(r => (r.Id, r.LengthMs)));
        Assert.NotEqual(Catalog.Tracks[0].Id, SandboxCatalog.Generate(8, 600).Tracks[0].Id);
    }

    [Fact]
    public void Identifiers_HaveTheServicesFormats()
    {
        Assert.Equal(600, Catalog.Songs.Count);
        Assert.All(Catalog.Tracks, t => Assert.Matches(SpotifyId(), t.Id));
        Assert.Equal(Catalog.Tracks.Count, Catalog.Tracks.Select(t => t.Id).Distinct().Count());
        Assert.All(Catalog.Tracks.Where(t => t.Isrc is not null), t => Assert.Matches(Isrc(), t.Isrc!));
        Assert.All(Catalog.Recordings, r => Assert.True(Guid.TryParseExact(r.Id, "D", out _)));
    }

    [Fact]
    public void Tracks_SharingAnIsrc_HaveDifferentDurations()
    {
        var shared = Catalog.Tracks.Where(t => t.Isrc is not null).GroupBy(t => t.Isrc).Where(g => g.Count() > 1).ToList();

        Assert.True(shared.Count >= 50, $"{shared.Count} shared ISRCs");
        Assert.Contains(shared, g => g.Max(t => t.DurationMs) - g.Min(t => t.DurationMs) > 3000);
        Assert.Contains(shared, g => g.Any(t => t.Version == "radio_edit") && g.Any(t => t.Version == "original"));
    }

    [Fact]
    public void Versions_AndReleaseKinds_AreAllPresent()
    {
        var versions = Catalog.Tracks.Select(t => t.Version).ToHashSet();
        foreach (var version in new[] { "original", "single", "compilation", "remaster", "live", "radio_edit", "acoustic", "remix", "extended", "cover" })
        {
            Assert.Contains(version, versions);
        }

        Assert.Equal(["album", "compilation", "single"], Catalog.Tracks.Select(t => t.Album.AlbumType).Distinct().Order());
        Assert.Contains(Catalog.Tracks, t => t.Isrc is null);
        Assert.All(Catalog.Tracks.Where(t => t.Version == "live"), t => Assert.Contains(" - Live at ", t.Name, StringComparison.Ordinal));
        Assert.All(Catalog.Tracks.Where(t => t.Version == "radio_edit"), t => Assert.EndsWith(" - Radio Edit", t.Name, StringComparison.Ordinal));
        Assert.Contains(Catalog.Tracks, t => t.Name.Contains("(feat. ", StringComparison.Ordinal) && t.Artists.Count == 2);
        Assert.Contains(Catalog.Tracks, t => t.Name.Any(c => c > 0x2E80));
    }

    [Fact]
    public void Recordings_IncludeUnknownLengthsAndIsrcsWithSeveralRecordings()
    {
        var byIsrc = Catalog.Recordings.SelectMany(r => r.Isrcs.Select(i => (Isrc: i, r.LengthMs))).GroupBy(x => x.Isrc).ToList();
        var several = byIsrc.Where(g => g.Count(x => x.LengthMs is not null) > 1).ToList();

        Assert.Contains(Catalog.Recordings, r => r.LengthMs is null);
        Assert.Contains(several, g => g.Max(x => x.LengthMs) - g.Min(x => x.LengthMs) <= 3000);
        Assert.Contains(several, g => g.Max(x => x.LengthMs) - g.Min(x => x.LengthMs) > 3000);
    }

    [Fact]
    public void Spotify_DurationsDriftFromMusicBrainzLengths()
    {
        var drift = Catalog.Songs.Where(s => s.ExpectedSpotifyId is not null && s.MusicBrainzRecordingId is not null)
            .Select(s => (Catalog.Track(s.ExpectedSpotifyId!)!.DurationMs, Catalog.Recording(s.MusicBrainzRecordingId!)!.LengthMs))
            .Where(x => x.LengthMs is not null)
            .Select(x => Math.Abs(x.DurationMs - x.LengthMs!.Value))
            .ToList();

        Assert.Contains(drift, d => d > 0);
        Assert.All(drift, d => Assert.InRange(d, 0, 1800));
    }

    [Fact]
    public void Songs_CarryEveryDefectAndMostAreRight()
    {
        var defects = Catalog.Songs.GroupBy(s => s.Defect).ToDictionary(g => g.Key, g => g.Count());

        foreach (var defect in new[] { SongDefect.LinkedToLive, SongDefect.LinkedToRadioEdit, SongDefect.LinkedToRemix, SongDefect.LinkedToOtherSong,
                     SongDefect.CanonicalWrong, SongDefect.Unlinked, SongDefect.AbsentFromSpotify })
        {
            Assert.True(defects.GetValueOrDefault(defect) > 0, defect);
        }

        Assert.True(defects[SongDefect.None] > Catalog.Songs.Count / 2);
        Assert.All(Catalog.Songs.Where(s => s.Defect == SongDefect.None), s => Assert.Equal(s.ExpectedSpotifyId, s.LinkedSpotifyId));
        Assert.All(Catalog.Songs.Where(s => s.Defect == SongDefect.LinkedToLive), s => Assert.Equal("live", Catalog.Track(s.LinkedSpotifyId!)!.Version));
        Assert.All(Catalog.Songs.Where(s => s.Defect == SongDefect.AbsentFromSpotify), s => Assert.Null(s.ExpectedSpotifyId));
    }

    [Fact]
    public void ToImportCsv_HasTheImportColumnsAndOneRowPerSong()
    {
        var lines = Catalog.ToImportCsv().TrimEnd('\n').Split('\n');

        Assert.Equal("title,artists,album,isrc,duration_ms,spotify_track_id,musicbrainz_recording_id,release_date", lines[0]);
        Assert.Equal(Catalog.Songs.Count + 1, lines.Length);
        Assert.Contains(lines, l => l.Contains(';', StringComparison.Ordinal));
    }

    [GeneratedRegex("^[0-9A-Za-z]{22}$")]
    private static partial Regex SpotifyId();

    [GeneratedRegex("^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$")]
    private static partial Regex Isrc();
}
