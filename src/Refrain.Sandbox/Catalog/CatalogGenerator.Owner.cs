namespace Refrain.Sandbox;

internal sealed partial class CatalogGenerator
{
    /// <summary>
    /// The song as its owner has it: usually right, sometimes with a defect the re-match exists for (a link to a live
    /// version, a radio edit, a remix or another song; a canonical duration off by minutes; no link; a song Spotify lacks).
    /// </summary>
    private SandboxSong OwnerView(Draft d)
    {
        var (title, artists) = d.Featured is null ? (d.Title, new[] { d.Artist.Name })
            : Chance(0.5) ? ($"{d.Title} (feat. {d.Featured.Name})", new[] { d.Artist.Name })
            : (d.Title, [d.Artist.Name, d.Featured.Name]);
        var isrc = Chance(0.96) ? d.Isrc : null;
        var duration = CanonicalMs(_lengthsByIsrc[d.Isrc])
            ?? (Chance(0.3) ? null : d.TrueMs / 1000 * 1000);
        var mbid = Chance(0.9) ? d.Main!.Id : null;
        var song = new SandboxSong(d.Number, title, artists, d.Album.Name, isrc, duration, mbid, d.Album.ReleaseDate,
            d.Original?.Id, d.Original?.Id, SongDefect.None);
        if (d.Absent)
        {
            var cover = Cover(d);
            return song with { LinkedSpotifyId = cover.Id, ExpectedSpotifyId = null, Defect = SongDefect.AbsentFromSpotify };
        }

        // One draw picks the defect; a song without the version its defect needs keeps its right link.
        var u = _r.NextDouble();
        var wrongVersions = d.Versions.Where(v => v.Version is "live" or "radio_edit" or "remix" or "extended").ToList();
        var otherSong = _draftsByArtist[d.Artist].FirstOrDefault(o => o != d && o.Original is not null)?.Original;
        (string Id, string Defect)? wrong = u switch
        {
            < 0.20 when wrongVersions.Count > 0 => Pick(wrongVersions) switch
            {
                { Version: "live" } live => (live.Id, SongDefect.LinkedToLive),
                { Version: "radio_edit" } edit => (edit.Id, SongDefect.LinkedToRadioEdit),
                var remix => (remix.Id, SongDefect.LinkedToRemix),
            },
            >= 0.20 and < 0.24 when otherSong is not null => (otherSong.Id, SongDefect.LinkedToOtherSong),
            _ => null,
        };
        if (wrong is { } link)
        {
            return song with { LinkedSpotifyId = link.Id, Defect = link.Defect };
        }

        if (u is >= 0.24 and < 0.28 && duration is { } known)
        {
            var off = 60_000 + _r.Next(90_000);
            return song with { DurationMs = known - off > 30_000 && Chance(0.5) ? known - off : known + off, Defect = SongDefect.CanonicalWrong };
        }

        return u is >= 0.28 and < 0.31 ? song with { LinkedSpotifyId = null, Defect = SongDefect.Unlinked } : song;
    }

    /// <summary>Someone else's song of the same title: what a careless link points at when Spotify lacks the right one.</summary>
    private SandboxTrack Cover(Draft d)
    {
        var artist = NewArtist();
        var single = Album(d.Title, "single", Date(Math.Min(2025, Year(d.Album) + 1 + _r.Next(8))), [artist], 1);
        return AddTrack(d.Title, [artist], single, d.TrueMs - 20_000 + _r.Next(40_000), _ids.Isrc(Pick(Words.Countries), _ids.Registrant(), Year(single)),
            false, 1, d.Number, "cover");
    }

    /// <summary>DESIGN §6 as the catalog owner would apply it: known lengths within 3 s of each other give their median, else unknown.</summary>
    internal static int? CanonicalMs(IEnumerable<int?> lengths)
    {
        var known = lengths.Where(l => l is > 0).Select(l => l!.Value).Order().ToList();
        if (known.Count == 0 || known[^1] - known[0] > 3000)
        {
            return null;
        }

        var mid = known.Count / 2;
        return known.Count % 2 == 1 ? known[mid] : (int)Math.Round((known[mid - 1] + (double)known[mid]) / 2, MidpointRounding.AwayFromZero);
    }
}
