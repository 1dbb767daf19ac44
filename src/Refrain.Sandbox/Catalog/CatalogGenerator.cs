using System.Globalization;

namespace Refrain.Sandbox;

/// <summary>
/// Builds a deterministic catalog from a seed: artists with albums of songs; for each song its Spotify tracks (the album
/// track, and as real catalogs have them: singles and compilations sharing the ISRC with drifting durations, remasters,
/// live versions, radio edits, acoustic versions, remixes) and its MusicBrainz recordings (null lengths, ISRCs carried by
/// several recordings that agree or not); then the owner's view of each song with deliberate defects.
/// </summary>
internal sealed partial class CatalogGenerator
{
    private readonly Random _r;
    private readonly Ids _ids;
    private readonly List<SandboxTrack> _tracks = [];
    private readonly List<SandboxRecording> _recordings = [];
    private readonly List<Draft> _drafts = [];
    private readonly List<SandboxAlbum> _compilations = [];
    private readonly SandboxArtist _various;
    private ILookup<string, int?> _lengthsByIsrc = Array.Empty<int?>().ToLookup(_ => "");
    private ILookup<SandboxArtist, Draft> _draftsByArtist = Array.Empty<Draft>().ToLookup(d => d.Artist);

    private CatalogGenerator(int seed)
    {
        _r = new Random(seed);
        _ids = new Ids(_r);
        _various = new SandboxArtist(_ids.Spotify(), "89ad4ac3-39f7-470e-963a-56509c546377", "Various Artists", "Various Artists", IsGroup: true);
    }

    public static SandboxCatalog Generate(int seed, int songs)
    {
        var generator = new CatalogGenerator(seed);
        generator.Build(Math.Max(1, songs));
        generator._lengthsByIsrc = generator._recordings.SelectMany(r => r.Isrcs.Select(i => (Isrc: i, r.LengthMs))).ToLookup(x => x.Isrc, x => x.LengthMs, StringComparer.Ordinal);
        generator._draftsByArtist = generator._drafts.ToLookup(d => d.Artist);
        var owned = generator._drafts.Select(generator.OwnerView).ToList();
        return new SandboxCatalog(seed, owned, generator._tracks, generator._recordings);
    }

    private void Build(int count)
    {
        while (_drafts.Count < count)
        {
            var artist = NewArtist();
            var country = Pick(Words.Countries);
            var registrant = _ids.Registrant();
            var year = 1968 + _r.Next(56);
            var albums = 1 + _r.Next(3);
            var live = new Lazy<SandboxAlbum>(() => Album($"Live at {Pick(Words.Venues)}", "album", Date(Math.Min(2025, year + 3 + _r.Next(10))), [artist], 14));
            for (var a = 0; a < albums && _drafts.Count < count; a++)
            {
                var size = Math.Min(_r.Next(10) < 2 ? 1 : 3 + _r.Next(8), count - _drafts.Count);
                var album = Album(size == 1 ? Title() : Pick(Words.AlbumWords), size == 1 ? "single" : "album", Date(year), [artist], size);
                var remaster = new Lazy<SandboxAlbum>(() => Album(
                    $"{album.Name} ({(_r.Next(2) == 0 ? "Remastered" : "Deluxe Edition")})", "album", Date(Math.Max(2005, Math.Min(2023, Year(album) + 10 + _r.Next(15)))), [artist], size + 4));
                for (var i = 0; i < size; i++)
                {
                    _drafts.Add(Song(artist, album, i + 1, country, registrant, year, live, remaster));
                }

                year = Math.Min(2025, year + 1 + _r.Next(4));
            }
        }
    }

    private Draft Song(SandboxArtist artist, SandboxAlbum album, int trackNumber, string country, string registrant, int year,
        Lazy<SandboxAlbum> live, Lazy<SandboxAlbum> remaster)
    {
        var number = _drafts.Count + 1;
        var title = Title();
        var featured = Chance(0.1) ? NewArtist(solo: true) : null;
        var artists = featured is null ? new[] { artist } : [artist, featured];
        var name = featured is null ? title : $"{title} (feat. {featured.Name})";
        var isrc = _ids.Isrc(country, registrant, year);
        var trueMs = Chance(0.05) ? 360_000 + _r.Next(240_000) : 150_000 + _r.Next(180_000);
        var draft = new Draft(number, title, artist, featured, album, isrc, trueMs);
        var explicitLyrics = Chance(0.1);
        if (Chance(0.02))
        {
            draft.Absent = true;
        }
        else
        {
            draft.Original = AddTrack(name, artists, album, Drift(trueMs, 1500), isrc, explicitLyrics, trackNumber, number, "original");
            AddVersions(draft, name, artists, explicitLyrics, country, registrant, live, remaster);
        }

        AddRecordings(draft);
        return draft;
    }

    private SandboxTrack AddTrack(string name, IReadOnlyList<SandboxArtist> artists, SandboxAlbum album, int durationMs, string? isrc,
        bool explicitLyrics, int trackNumber, int songNumber, string version)
    {
        var track = new SandboxTrack(_ids.Spotify(), name, artists, album, Math.Max(30_000, durationMs), isrc, explicitLyrics, trackNumber, songNumber, version);
        _tracks.Add(track);
        return track;
    }

    private SandboxArtist NewArtist(bool solo = false)
    {
        string name;
        bool group;
        var u = _r.NextDouble();
        if (u < 0.04 && !solo)
        {
            (name, group) = (Pick(Words.WorldArtists), Chance(0.5));
        }
        else if (u < 0.55 || solo)
        {
            (name, group) = ($"{Pick(Words.FirstNames)} {Pick(Words.LastNames)}", false);
        }
        else if (u < 0.8)
        {
            (name, group) = ($"The {Pick(Words.Adjectives)} {Pick(Words.Nouns)}", true);
        }
        else
        {
            (name, group) = ($"{Pick(Words.Nouns)} {Pick(Words.Nouns)}", true);
        }

        var sort = name.StartsWith("The ", StringComparison.Ordinal) ? $"{name[4..]}, The"
            : !group && name.Split(' ') is [var first, var last] ? $"{last}, {first}" : name;
        return new SandboxArtist(_ids.Spotify(), _ids.Mbid(), name, sort, group);
    }

    private string Title()
    {
        var u = _r.NextDouble();
        return u switch
        {
            < 0.30 => $"{Pick(Words.Adjectives)} {Pick(Words.Nouns)}",
            < 0.42 => $"{Pick(Words.Nouns)} of {Pick(Words.Nouns)}",
            < 0.52 => $"The {Pick(Words.Adjectives)} {Pick(Words.Nouns)}",
            < 0.64 => $"{Pick(Words.Verbs)} the {Pick(Words.Nouns)}",
            < 0.82 => Pick(Words.Phrases),
            < 0.93 => Pick(Words.Nouns),
            _ => Pick(Words.WorldTitles),
        };
    }

    private SandboxAlbum Album(string name, string type, string date, IReadOnlyList<SandboxArtist> artists, int tracks) =>
        new(_ids.Spotify(), name, type, date, artists) { TotalTracks = tracks };

    private SandboxAlbum Compilation(int year)
    {
        if (_compilations.Count > 0 && (_compilations.Count >= 12 || Chance(0.7)))
        {
            return Pick(_compilations);
        }

        var name = string.Format(CultureInfo.InvariantCulture, Pick(Words.Compilations), Math.Max(year, 1990) + _r.Next(5), 40 + _r.Next(80));
        var album = Album(name, "compilation", Date(Math.Max(year + 1, 1990 + _r.Next(35))), [_various], 20 + _r.Next(20));
        _compilations.Add(album);
        return album;
    }

    private string Date(int year) => string.Create(CultureInfo.InvariantCulture, $"{Math.Min(year, 2025):D4}-{1 + _r.Next(12):D2}-{1 + _r.Next(28):D2}");

    private static int Year(SandboxAlbum album) => int.Parse(album.ReleaseDate.AsSpan(0, 4), CultureInfo.InvariantCulture);

    private int Drift(int ms, int spread) => ms + _r.Next(-spread, spread + 1);

    private bool Chance(double p) => _r.NextDouble() < p;

    private T Pick<T>(IReadOnlyList<T> items) => items[_r.Next(items.Count)];

    /// <summary>A song while the catalog is built.</summary>
    private sealed class Draft(int number, string title, SandboxArtist artist, SandboxArtist? featured, SandboxAlbum album, string isrc, int trueMs)
    {
        public int Number { get; } = number;
        public string Title { get; } = title;
        public SandboxArtist Artist { get; } = artist;
        public SandboxArtist? Featured { get; } = featured;
        public SandboxAlbum Album { get; } = album;
        public string Isrc { get; } = isrc;
        public int TrueMs { get; } = trueMs;
        public bool Absent { get; set; }
        public SandboxTrack? Original { get; set; }
        public List<SandboxTrack> Versions { get; } = [];
        public SandboxRecording? Main { get; set; }
    }
}
