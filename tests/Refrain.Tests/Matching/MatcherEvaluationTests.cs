using System.Text.Json;
using Refrain.Matching;

namespace Refrain.Tests.Matching;

public sealed class MatcherEvaluationTests
{
    private static readonly string Original = TrackJson("4u7EnebtmKWzUH433cf5Qv", "Song", "Band", 200_000, "GBAAA0000001", "Album", "album", "1975-10-31");
    private static readonly string Compilation = TrackJson("0ofHAoxe9vBkTCp2UQIavz", "Song", "Band", 200_000, "GBAAA0000001", "Greatest Hits", "compilation", "1981-10-26");
    private static readonly string Live = TrackJson("1AhDOtG9vPSOmsWgNW0BEY", "Song - Live", "Band", 245_000, "GBAAA0000009", "Live Killers", "album", "1979-06-22");
    private static readonly string OtherIsrc = TrackJson("2bbbbbbbbbbbbbbbbbbbbb", "Song", "Band", 200_500, "GBAAA0000002", "Other", "album", "1990");

    [Fact]
    public void Evaluate_CountsEachOutcomeAndComputesPrecisionAndRecall()
    {
        string[] lines =
        [
            // 1 accepted, right.
            Case("Song", Original, [Original, Live], expected: "4u7EnebtmKWzUH433cf5Qv"),
            // 2 nothing right among the candidates, nothing accepted: rejected_null.
            Case("Song", Original, [Live], expected: null),
            // 3 accepted although the label says no candidate is right: accepted_wrong.
            Case("Song", Original, [Original], expected: null),
            // 4 accepted the album track when only the compilation counts: accepted_wrong.
            Case("Song", Original, [Original, Compilation], expected: "0ofHAoxe9vBkTCp2UQIavz"),
            // 5 two different recordings alike (song without ISRC): ambiguous, so missed.
            Case("Song", null, [Original, OtherIsrc], expected: "4u7EnebtmKWzUH433cf5Qv"),
            // 6 the compilation is expected but the album track is acceptable too: accepted_right.
            Case("Song", Original, [Original, Compilation], expected: "0ofHAoxe9vBkTCp2UQIavz", acceptable: ["0ofHAoxe9vBkTCp2UQIavz", "4u7EnebtmKWzUH433cf5Qv"]),
            // 7 no candidates at all for a song that exists: missed.
            Case("Song", Original, [], expected: "4u7EnebtmKWzUH433cf5Qv"),
            // 8 two alike recordings and nothing right: ambiguous, rejected_null.
            Case("Song", null, [Original, OtherIsrc], expected: null),
        ];

        var report = MatcherEvaluation.Evaluate(EvalFileReader.Read(new StringReader(string.Join('\n', lines))), new SpotifyMatcher());

        Assert.Equal(new EvalReport(Cases: 8, AcceptedRight: 2, AcceptedWrong: 2, RejectedNull: 2, Missed: 2, Ambiguous: 2, Precision: 0.5, Recall: 0.4), report);
    }

    [Fact]
    public void Evaluate_NothingAcceptedAndNothingExpected_HasPerfectPrecisionAndRecall()
    {
        var cases = EvalFileReader.Read(new StringReader(Case("Song", Original, [Live], expected: null)));

        var report = MatcherEvaluation.Evaluate(cases, new SpotifyMatcher());

        Assert.Equal(new EvalReport(1, 0, 0, 1, 0, 0, 1.0, 1.0), report);
    }

    [Fact]
    public void Read_SkipsBlankLinesButCountsThem()
    {
        var text = "\n" + Case("Song", Original, [Original], expected: "4u7EnebtmKWzUH433cf5Qv") + "\n\n";

        var cases = EvalFileReader.Read(new StringReader(text));

        Assert.Equal(2, Assert.Single(cases).Line);
        Assert.Equal("GBAAA0000001", cases[0].Candidates[0].Isrc);
        Assert.Equal("compilation", EvalFileReader.Parse(Case("Song", null, [Compilation], null), 1).Candidates[0].Album!.AlbumType);
    }

    [Theory]
    [InlineData("not json", "line 3: ")]
    [InlineData("[]", "line 3: expected a JSON object")]
    [InlineData("""{"candidates": [], "expected": null}""", "line 3: 'song' must be an object")]
    [InlineData("""{"song": {"artists": ["A"]}, "candidates": [], "expected": null}""", "line 3: 'song.title' must be a string")]
    [InlineData("""{"song": {"title": "T", "artists": []}, "candidates": [], "expected": null}""", "line 3: 'song.artists' must name at least one artist")]
    [InlineData("""{"song": {"title": "T", "artists": ["A"], "duration_ms": -5}, "candidates": [], "expected": null}""", "line 3: 'song.duration_ms' must be a positive integer or null")]
    [InlineData("""{"song": {"title": "T", "artists": ["A"]}, "expected": null}""", "line 3: 'candidates' must be an array")]
    [InlineData("""{"song": {"title": "T", "artists": ["A"]}, "candidates": [{"name": "x"}], "expected": null}""", "line 3: candidate 1 has no id")]
    [InlineData("""{"song": {"title": "T", "artists": ["A"]}, "candidates": [{"id": "x", "duration_ms": "long"}], "expected": null}""", "line 3: ")]
    [InlineData("""{"song": {"title": "T", "artists": ["A"]}, "candidates": []}""", "line 3: 'expected' must be a Spotify id or null")]
    [InlineData("""{"song": {"title": "T", "artists": ["A"]}, "candidates": [], "expected": null, "acceptable": ["x"]}""", "line 3: 'acceptable' lists ids but 'expected' is null")]
    public void Read_BadLine_NamesItsLineNumber(string bad, string messageStart)
    {
        var text = Case("Song", Original, [Original], expected: "4u7EnebtmKWzUH433cf5Qv") + "\n\n" + bad + "\n";

        var error = Assert.Throws<FormatException>(() => EvalFileReader.Read(new StringReader(text)));

        Assert.StartsWith(messageStart, error.Message, StringComparison.Ordinal);
    }

    /// <summary>One evaluation line: a song (its ISRC and album taken from <paramref name="songFrom"/> when given) and candidates.</summary>
    private static string Case(string title, string? songFrom, string[] candidates, string? expected, string[]? acceptable = null)
    {
        string? isrc = null;
        string? album = null;
        if (songFrom is not null)
        {
            using var doc = JsonDocument.Parse(songFrom);
            isrc = doc.RootElement.GetProperty("external_ids").GetProperty("isrc").GetString();
            album = doc.RootElement.GetProperty("album").GetProperty("name").GetString();
        }

        var song = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["title"] = title, ["artists"] = new[] { "Band" }, ["album"] = album, ["isrc"] = isrc, ["duration_ms"] = 200_000,
        });
        var acceptableJson = acceptable is null ? "" : $", \"acceptable\": {JsonSerializer.Serialize(acceptable)}";
        return $"{{\"song\": {song}, \"candidates\": [{string.Join(", ", candidates)}], \"expected\": {JsonSerializer.Serialize(expected)}{acceptableJson}}}";
    }

    /// <summary>A track object shaped as <c>GET /v1/tracks/{id}</c> returns it.</summary>
    private static string TrackJson(string id, string name, string artist, int durationMs, string isrc, string album, string albumType, string releaseDate) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["album"] = new Dictionary<string, object>
            {
                ["album_type"] = albumType,
                ["artists"] = new[] { new { id = "3WrFJ7ztbogyGnTHbHJFl2", name = artist, type = "artist" } },
                ["external_urls"] = new { spotify = $"https://open.spotify.com/album/{id[..10]}" },
                ["id"] = "album" + id[5..],
                ["images"] = Array.Empty<object>(),
                ["name"] = album,
                ["release_date"] = releaseDate,
                ["release_date_precision"] = releaseDate.Length == 4 ? "year" : "day",
                ["total_tracks"] = 12,
                ["type"] = "album",
                ["uri"] = "spotify:album:album" + id[5..],
            },
            ["artists"] = new[] { new { id = "3WrFJ7ztbogyGnTHbHJFl2", name = artist, type = "artist", uri = "spotify:artist:3WrFJ7ztbogyGnTHbHJFl2" } },
            ["available_markets"] = new[] { "GB", "US" },
            ["disc_number"] = 1,
            ["duration_ms"] = durationMs,
            ["explicit"] = false,
            ["external_ids"] = new { isrc },
            ["external_urls"] = new { spotify = $"https://open.spotify.com/track/{id}" },
            ["href"] = $"https://api.spotify.com/v1/tracks/{id}",
            ["id"] = id,
            ["is_local"] = false,
            ["name"] = name,
            ["popularity"] = 0,
            ["preview_url"] = null!,
            ["track_number"] = 1,
            ["type"] = "track",
            ["uri"] = $"spotify:track:{id}",
        });
}
