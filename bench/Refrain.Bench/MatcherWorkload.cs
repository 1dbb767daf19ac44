using Refrain.Matching;
using Refrain.Providers.Spotify;

namespace Refrain.Bench;

/// <summary>Songs with 20 candidates each, shaped like a search answer: the recording, its re-releases, versions and covers.</summary>
internal static class MatcherWorkload
{
    public static (SongFacts Song, IReadOnlyList<SpotifyTrack> Candidates) For(string workload) => workload switch
    {
        "japanese" => Japanese(),
        _ => Latin(),
    };

    private static (SongFacts, IReadOnlyList<SpotifyTrack>) Latin()
    {
        var song = new SongFacts("Running Up That Hill (A Deal With God)", ["Kate Bush"], "Hounds of Love", "GBCNR8500002", 298_933);
        SpotifyTrack[] candidates =
        [
            T("75FEaRjZTKLhTrFGsfMUXR", "Running Up That Hill (A Deal With God)", "Kate Bush", 298_933, "GBCNR8500002", "Hounds Of Love", "album", "1985"),
            T("29d0nY7TzCoi22XBqDQkiP", "Running Up That Hill (A Deal With God) - 2018 Remaster", "Kate Bush", 300_840, "GBAYE1800884", "Hounds of Love (2018 Remaster)", "album", "1985-09-16"),
            T("1TOme860eWLYhQCkSPpXmE", "Running Up That Hill (A Deal With God)", "Kate Bush", 298_933, "GBCNR8500002", "The Whole Story", "compilation", "1986-11-10"),
            T("0aaaaaaaaaaaaaaaaaaaa1", "Running Up That Hill (A Deal With God) - 12\" Version", "Kate Bush", 341_000, "GBCNR8500010", "Running Up That Hill", "single", "1985-08-05"),
            T("0aaaaaaaaaaaaaaaaaaaa2", "Running Up That Hill - Live at Hammersmith Odeon", "Kate Bush", 312_000, "GBCNR1400001", "Before the Dawn", "album", "2016-11-25"),
            T("0aaaaaaaaaaaaaaaaaaaa3", "Running Up That Hill (A Deal With God) - Instrumental", "Kate Bush", 299_500, "GBCNR8500011", "Running Up That Hill", "single", "1985-08-05"),
            T("0aaaaaaaaaaaaaaaaaaaa4", "Running Up That Hill", "Placebo", 298_000, "GBAAA0300001", "Covers", "album", "2003-03-24"),
            T("0aaaaaaaaaaaaaaaaaaaa5", "Running Up That Hill", "Meg Myers", 290_000, "USAAA1900001", "Take Me to the Disco", "album", "2019-11-01"),
            T("0aaaaaaaaaaaaaaaaaaaa6", "Running Up That Hill (A Deal With God) [In the Style of Kate Bush] [Karaoke Version]", "Karaoke Hits Band", 298_900, "GBKAR0000001", "Karaoke 80s", "compilation", "2012-01-01"),
            T("0aaaaaaaaaaaaaaaaaaaa7", "Running Up That Hill (A Deal With God) - Tiësto Remix", "Kate Bush|Tiësto", 201_000, "GBAYE2200001", "Running Up That Hill (Remixes)", "single", "2022-07-01"),
            T("0aaaaaaaaaaaaaaaaaaaa8", "Running Up That Hill (feat. Someone Else) - Slowed + Reverb", "DJ Somebody", 330_000, "USAAA2200002", "Slowed Hits", "compilation", "2022-08-01"),
            T("0aaaaaaaaaaaaaaaaaaaa9", "Running Up That Hill (A Deal With God) - Radio Edit", "Kate Bush", 268_000, "GBCNR8500012", "Running Up That Hill", "single", "1985-08-05"),
            T("0aaaaaaaaaaaaaaaaaaa10", "Cloudbusting", "Kate Bush", 310_000, "GBCNR8500003", "Hounds Of Love", "album", "1985"),
            T("0aaaaaaaaaaaaaaaaaaa11", "Hounds of Love", "Kate Bush", 183_000, "GBCNR8500004", "Hounds Of Love", "album", "1985"),
            T("0aaaaaaaaaaaaaaaaaaa12", "Wuthering Heights", "Kate Bush", 268_000, "GBCNR7800001", "The Kick Inside", "album", "1978-02-17"),
            T("0aaaaaaaaaaaaaaaaaaa13", "Running Up That Hill (A Deal With God)", "Kate Bush", 298_933, "GBCNR8500002", "Stranger Things: Soundtrack", "compilation", "2022-07-01"),
            T("0aaaaaaaaaaaaaaaaaaa14", "Running Up That Hill (A Deal With God) - Acoustic", "The Acoustic Guitar Troubadours", 280_000, "USAAA1500003", "Acoustic 80s", "album", "2015-05-05"),
            T("0aaaaaaaaaaaaaaaaaaa15", "Running up That Hill", "Chromatics", 260_000, "USAAA0700004", "Night Drive", "album", "2007-10-01"),
            T("0aaaaaaaaaaaaaaaaaaa16", "Running Up That Hill (A Deal With God) - 2018 Remaster", "Kate Bush", 300_840, "GBAYE1800884", "Remastered In Vinyl II", "compilation", "2018-11-16"),
            T("0aaaaaaaaaaaaaaaaaaa17", "Running Up That Hill (A Deal With God) [Stranger Things Version]", "Kate Bush", 299_000, "GBAYE2200099", "Stranger Things 4", "compilation", "2022-07-01"),
        ];
        return (song, candidates);
    }

    private static (SongFacts, IReadOnlyList<SpotifyTrack>) Japanese()
    {
        var song = new SongFacts("水平線", ["back number"], "ユーモア", "JPPO02100907", 288_013);
        SpotifyTrack[] candidates =
        [
            T("3RvdkNMcSy71m0aT6UF9Uf", "水平線", "back number", 288_013, "JPPO02100907", "ユーモア", "album", "2023-01-17"),
            T("5m1i6hq7dmRlp3c1utE48L", "水平線", "back number", 285_396, "JPPO02100907", "水平線", "single", "2021-08-13"),
            T("3OG3ALerhePoQ0hnVyqqxZ", "水平線", "back number", 288_013, "JPPO02100907", "Japan Best Hits 2022", "compilation", "2022-11-07"),
            T("7aGpb1EMSrdT7eTqkZFAZO", "水平線", "back number", 288_013, "JPPO02100907", "TOKYO - NIGHT DIVE -", "compilation", "2022-08-16"),
            T("6zbFF15v2Fwu3KDZOIhtmn", "水平線", "back number", 288_013, "JPPO02100907", "TOKYO - VIRAL 2021 -", "compilation", "2021-10-29"),
            T("6c9ShMR8im4QKmnqbfClwl", "水平線", "back number", 288_013, "JPPO02100907", "新学期&新生活応援ソング!", "album", "2023-04-01"),
            T("0bbbbbbbbbbbbbbbbbbbb1", "水平線 (Live at 東京ドーム)", "back number", 301_000, "JPPO02300001", "ユーモアツアー", "album", "2023-09-01"),
            T("0bbbbbbbbbbbbbbbbbbbb2", "水平線 (Instrumental)", "back number", 288_000, "JPPO02100908", "水平線", "single", "2021-08-13"),
            T("0bbbbbbbbbbbbbbbbbbbb3", "水平線 - From THE FIRST TAKE", "back number", 290_500, "JPPO02200009", "水平線 (From THE FIRST TAKE)", "single", "2022-03-01"),
            T("0bbbbbbbbbbbbbbbbbbbb4", "水平線", "Piano Covers Japan", 250_000, "JPAAA2200001", "J-Pop Piano", "album", "2022-01-01"),
            T("0bbbbbbbbbbbbbbbbbbbb5", "水平線（オルゴール）", "α Wave", 240_000, "JPAAA2200002", "Music Box J-Pop", "album", "2022-02-01"),
            T("0bbbbbbbbbbbbbbbbbbbb6", "高嶺の花子さん", "back number", 310_000, "JPPO01300001", "ラブストーリー", "album", "2014-12-10"),
            T("0bbbbbbbbbbbbbbbbbbbb7", "クリスマスソング", "back number", 302_000, "JPPO01500001", "シャンデリア", "album", "2015-12-09"),
            T("0bbbbbbbbbbbbbbbbbbbb8", "瞬き", "back number", 281_000, "JPPO01600001", "アンコール", "album", "2016-12-28"),
            T("0jpP8AlQLVtaMwA3vQYpYB", "青春コンプレックス", "結束バンド", 205_133, "JPE302200934", "青春コンプレックス", "single", "2022-10-09"),
            T("60nwK1iMgnFCznF6FiNfts", "青春コンプレックス", "結束バンド", 203_626, "JPE302200934", "結束バンド", "album", "2022-12-25"),
            T("0bbbbbbbbbbbbbbbbbbbb9", "水平線 (Cover)", "歌ってみた", 287_000, "JPAAA2300003", "Covers 2023", "album", "2023-03-01"),
            T("0bbbbbbbbbbbbbbbbbbb10", "水平線 - TV Size", "back number", 90_000, "JPPO02100909", "水平線", "single", "2021-08-13"),
            T("0bbbbbbbbbbbbbbbbbbb11", "Suiheisen", "back number", 288_013, "JPPO02100910", "Humor (International)", "album", "2023-01-17"),
            T("0bbbbbbbbbbbbbbbbbbb12", "水平線 (Remix)", "back number|Someone", 200_000, "JPPO02200011", "Remixes", "single", "2022-05-01"),
        ];
        return (song, candidates);
    }

    private static SpotifyTrack T(string id, string name, string artists, int durationMs, string isrc, string album, string albumType, string releaseDate) => new()
    {
        Id = id,
        Name = name,
        DurationMs = durationMs,
        Artists = [.. artists.Split('|').Select(a => new SpotifyArtist { Name = a })],
        Album = new SpotifyAlbum { Name = album, AlbumType = albumType, ReleaseDate = releaseDate },
        ExternalIds = new SpotifyExternalIds { Isrc = isrc },
    };
}
