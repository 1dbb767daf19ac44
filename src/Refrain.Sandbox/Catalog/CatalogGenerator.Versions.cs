namespace Refrain.Sandbox;

internal sealed partial class CatalogGenerator
{
    /// <summary>The other Spotify tracks of a song, each with the odds real catalogs show.</summary>
    private void AddVersions(Draft d, string name, SandboxArtist[] artists, bool explicitLyrics, string country, string registrant,
        Lazy<SandboxAlbum> live, Lazy<SandboxAlbum> remaster)
    {
        var original = d.Original!;
        var year = Year(d.Album);
        if (Chance(0.35) && d.Album.AlbumType != "single")
        {
            // The single: the same recording and ISRC, mastered a little differently.
            var single = Album(d.Title, "single", Date(year - (Chance(0.7) ? 0 : 1)), [d.Artist], 1 + _r.Next(3));
            d.Versions.Add(AddTrack(name, artists, single, Drift(original.DurationMs, 400), d.Isrc, explicitLyrics, 1, d.Number, "single"));
        }

        if (Chance(0.3))
        {
            // Compilations share the ISRC; fades and edits move the duration by seconds.
            var sign = Chance(0.5) ? 1 : -1;
            d.Versions.Add(AddTrack(name, artists, Compilation(year), d.TrueMs + (sign * (1000 + _r.Next(7000))), d.Isrc, explicitLyrics, 1 + _r.Next(20), d.Number, "compilation"));
        }

        if (Chance(0.25))
        {
            var isrc = Chance(0.5) ? d.Isrc : NoIsrcSometimes(_ids.Isrc(country, registrant, Year(remaster.Value)));
            d.Versions.Add(AddTrack($"{name} - {Pick(Words.Remasters)}", artists, remaster.Value, Drift(d.TrueMs, 800), isrc, explicitLyrics, original.TrackNumber, d.Number, "remaster"));
        }

        if (Chance(0.2))
        {
            var venue = live.Value.Name["Live at ".Length..];
            d.Versions.Add(AddTrack($"{name} - Live at {venue}", artists, live.Value, d.TrueMs + 20_000 + _r.Next(70_000),
                NoIsrcSometimes(_ids.Isrc(country, registrant, Year(live.Value))), explicitLyrics, 1 + _r.Next(14), d.Number, "live"));
        }

        if (Chance(0.18))
        {
            // Labels sometimes reuse the album ISRC for the radio edit: one ISRC, two very different durations.
            var shared = Chance(0.3);
            var single = Album($"{d.Title} (Radio Edit)", "single", Date(year), [d.Artist], 1);
            var edit = AddTrack($"{name} - Radio Edit", artists, single, Math.Max(120_000, d.TrueMs - 30_000 - _r.Next(40_000)),
                shared ? d.Isrc : _ids.Isrc(country, registrant, year), false, 1, d.Number, "radio_edit");
            d.Versions.Add(edit);
        }

        if (Chance(0.12))
        {
            var album = Chance(0.5) ? Album($"{d.Title} (Acoustic)", "single", Date(Math.Min(2025, year + 1)), [d.Artist], 1)
                : Album("Acoustic Sessions", "album", Date(Math.Min(2025, year + 2)), [d.Artist], 10);
            d.Versions.Add(AddTrack($"{name} - Acoustic", artists, album, d.TrueMs - 10_000 + _r.Next(30_000),
                _ids.Isrc(country, registrant, year + 1), false, 1, d.Number, "acoustic"));
        }

        if (Chance(0.12))
        {
            var remixer = Pick(Words.Remixers);
            var remixArtist = new SandboxArtist(_ids.Spotify(), _ids.Mbid(), remixer, remixer, IsGroup: false);
            var single = Album($"{d.Title} (Remixes)", "single", Date(Math.Min(2025, year + 1)), [d.Artist], 3);
            d.Versions.Add(AddTrack($"{name} - {remixer} Remix", [.. artists, remixArtist], single, d.TrueMs + 40_000 + _r.Next(110_000),
                _ids.Isrc(country, registrant, year + 1), explicitLyrics, 1, d.Number, "remix"));
        }

        if (Chance(0.06))
        {
            var single = Album($"{d.Title} (Extended Mix)", "single", Date(Math.Min(2025, year + 1)), [d.Artist], 2);
            d.Versions.Add(AddTrack($"{name} - Extended Mix", artists, single, d.TrueMs + 90_000 + _r.Next(110_000),
                _ids.Isrc(country, registrant, year + 1), explicitLyrics, 1, d.Number, "extended"));
        }
    }

    /// <summary>Spotify has a few tracks without an ISRC.</summary>
    private string? NoIsrcSometimes(string isrc) => Chance(0.04) ? null : isrc;

    /// <summary>
    /// The song's MusicBrainz recordings: the main one (length unknown for some), now and then a second recording under the
    /// same ISRC (agreeing within seconds, or a mislabelled edit that disagrees), and one per distinct version.
    /// </summary>
    private void AddRecordings(Draft d)
    {
        var credits = d.Featured is null ? new[] { d.Artist } : [d.Artist, d.Featured];
        var join = d.Featured is null ? null : " feat. ";
        var first = d.Versions.Where(v => v.Isrc == d.Isrc).Select(v => v.Album.ReleaseDate).Append(d.Album.ReleaseDate).Min(StringComparer.Ordinal);
        var isrcs = new List<string> { d.Isrc };
        isrcs.AddRange(d.Versions.Where(v => v.Version == "remaster" && v.Isrc is not null && v.Isrc != d.Isrc).Select(v => v.Isrc!));
        d.Main = Recording(d.Title, credits, join, Chance(0.06) ? null : Drift(d.TrueMs, 300), isrcs, first, "", d.Number);

        if (Chance(0.12))
        {
            var length = Chance(0.2) ? (int?)null : Drift(d.TrueMs, 2500);
            Recording(d.Title, credits, join, length, [d.Isrc], first, Chance(0.5) ? "single version" : "album version", d.Number);
        }
        else if (Chance(0.04))
        {
            Recording(d.Title, credits, join, d.TrueMs - 45_000 - _r.Next(25_000), [d.Isrc], first, "radio edit", d.Number);
        }

        foreach (var version in d.Versions.Where(v => v.Version is "live" or "radio_edit" or "acoustic" or "remix" or "extended" && v.Isrc is not null))
        {
            var (title, disambiguation) = version.Version switch
            {
                "live" => (d.Title, $"live, {version.Album.ReleaseDate}: {version.Album.Name["Live at ".Length..]}"),
                "remix" => ($"{d.Title} ({version.Artists[^1].Name} remix)", ""),
                "extended" => ($"{d.Title} (extended mix)", ""),
                _ => (d.Title, version.Version.Replace('_', ' ')),
            };
            Recording(title, credits, join, Chance(0.1) ? null : Drift(version.DurationMs, 500), [version.Isrc!], version.Album.ReleaseDate, disambiguation, d.Number);
        }
    }

    private SandboxRecording Recording(string title, IReadOnlyList<SandboxArtist> artists, string? join, int? length, IReadOnlyList<string> isrcs,
        string? firstRelease, string disambiguation, int song)
    {
        var recording = new SandboxRecording(_ids.Mbid(), title, artists, join, length, isrcs, firstRelease, disambiguation, song);
        _recordings.Add(recording);
        return recording;
    }
}
