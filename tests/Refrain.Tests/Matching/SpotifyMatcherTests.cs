using Refrain.Matching;
using Refrain.Providers.Spotify;
using static Refrain.Tests.Matching.Tracks;

namespace Refrain.Tests.Matching;

public sealed class SpotifyMatcherTests
{
    private readonly SpotifyMatcher _matcher = new();

    [Fact]
    public void Decide_NoCandidates_SaysSo()
    {
        var decision = _matcher.Decide(Song("Song", "Artist", 200_000), []);

        Assert.Equal(MatchVerdict.NoCandidates, decision.Verdict);
        Assert.Null(decision.Best);
        Assert.Empty(decision.Candidates);
        Assert.Equal(SpotifyMatcher.Version, decision.MatcherVersion);
    }

    [Fact]
    public void Decide_OriginalAmongRemasterAndCompilation_AcceptsTheAlbumTrack()
    {
        var song = Song("Running Up That Hill (A Deal With God)", "Kate Bush", 298_933, "GBCNR8500002", "Hounds of Love");
        var album = Track("orig", "Running Up That Hill (A Deal With God)", "Kate Bush", 298_933, "GBCNR8500002", "Hounds Of Love", "album", "1985");
        var remaster = Track("rema", "Running Up That Hill (A Deal With God) - 2018 Remaster", "Kate Bush", 300_840, "GBAYE1800884", "Hounds of Love (2018 Remaster)", "album", "1985-09-16");
        var compilation = Track("comp", "Running Up That Hill (A Deal With God)", "Kate Bush", 298_933, "GBCNR8500002", "The Whole Story", "compilation", "1986-11-10");

        var decision = _matcher.Decide(song, [remaster, compilation, album]);

        Assert.Equal(MatchVerdict.Accepted, decision.Verdict);
        Assert.Equal("orig", decision.Best!.Track.Id);
        Assert.Equal(["orig", "comp", "rema"], decision.Candidates.Select(c => c.Track.Id));
        Assert.Equal("1", decision.MatcherVersion);
    }

    [Fact]
    public void Decide_EquivalentTracks_PreferAnAlbumThenTheEarliestRelease()
    {
        var song = Song("Song", "Artist", 200_000, "USAAA0000001", "Greatest Hits");
        SpotifyTrack[] candidates =
        [
            Track("c1", "Song", "Artist", 200_000, "USAAA0000001", "Greatest Hits", "compilation", "2015-01-01"),
            Track("s1", "Song", "Artist", 201_000, "USAAA0000001", "Song", "single", "1999-03-01"),
            Track("a2", "Song", "Artist", 199_500, "USAAA0000001", "Second", "album", "2005-01-01"),
            Track("a1", "Song - 2003 Remaster", "Artist", 200_500, "USAAA0000001", "First", "album", "2003-06-01"),
        ];

        var decision = _matcher.Decide(song, candidates);

        Assert.Equal(MatchVerdict.Accepted, decision.Verdict);
        Assert.Equal("a1", decision.Best!.Track.Id);
        Assert.Same(decision.Best, decision.Candidates[0]);
        Assert.Equal(["a1", "c1", "a2", "s1"], decision.Candidates.Select(c => c.Track.Id));
    }

    [Fact]
    public void Decide_EquivalentSingleAndCompilation_PreferTheSingleEvenWhenLater()
    {
        var song = Song("Song", "Artist", 200_000, "USAAA0000001");
        SpotifyTrack[] candidates =
        [
            Track("c1", "Song", "Artist", 200_000, "USAAA0000001", "Hits", "compilation", "1990"),
            Track("s1", "Song", "Artist", 200_000, "USAAA0000001", "Song", "single", "2001-05"),
        ];

        Assert.Equal("s1", _matcher.Decide(song, candidates).Best!.Track.Id);
    }

    [Fact]
    public void Decide_TrackSharingTheIsrcMoreThanTwoSecondsOff_IsARivalNotAnEquivalent()
    {
        var song = Song("Song", "Artist", 200_000, "USAAA0000001");
        SpotifyTrack[] candidates =
        [
            Track("c1", "Song", "Artist", 200_000, "USAAA0000001", "Hits", "compilation", "2015"),
            Track("a1", "Song", "Artist", 202_500, "USAAA0000001", "First", "album", "2003"),
        ];

        var decision = _matcher.Decide(song, candidates);

        Assert.Equal(MatchVerdict.Accepted, decision.Verdict);
        Assert.Equal("c1", decision.Best!.Track.Id);
    }

    [Fact]
    public void Decide_SharedIsrcWithADifferentMaster_AcceptsTheTrackWhoseDurationAgrees()
    {
        var song = Song("水平線", "back number", 288_013, "JPPO02100907", "ユーモア");
        SpotifyTrack[] candidates =
        [
            Track("tr1", "水平線", "back number", 285_396, "JPPO02100907", "水平線", "single", "2021-08-13"),
            Track("tr2", "水平線", "back number", 288_013, "JPPO02100907", "ユーモア", "album", "2023-01-17"),
            Track("tr3", "水平線", "back number", 288_013, "JPPO02100907", "Japan Best Hits 2022", "compilation", "2022-11-07"),
            Track("tr4", "水平線", "back number", 288_013, "JPPO02100907", "新学期&新生活応援ソング!", "album", "2023-04-01"),
        ];

        var decision = _matcher.Decide(song, candidates);

        Assert.Equal(MatchVerdict.Accepted, decision.Verdict);
        Assert.Equal("tr2", decision.Best!.Track.Id);
        Assert.Equal("tr1", decision.Candidates[^1].Track.Id);
    }

    [Fact]
    public void Decide_TwoDifferentRecordingsScoringAlike_IsAmbiguous()
    {
        var song = Song("Song", "Artist", 200_000);
        SpotifyTrack[] candidates =
        [
            Track("x2", "Song", "Artist", 200_500, "USBBB0000002"),
            Track("x1", "Song", "Artist", 200_000, "USAAA0000001"),
        ];

        var decision = _matcher.Decide(song, candidates);

        Assert.Equal(MatchVerdict.Ambiguous, decision.Verdict);
        Assert.Equal("x1", decision.Best!.Track.Id);
        Assert.Equal(["x1", "x2"], decision.Candidates.Select(c => c.Track.Id));
    }

    [Fact]
    public void Decide_RivalWithinTheMarginOnlyByDuration_IsAmbiguous()
    {
        // 0.65 against 0.62 (7 s off: 0.2 × (1 − 4/27)): a lead of 0.03 is less than the 0.05 margin.
        var song = Song("Song", "Artist", 200_000);
        SpotifyTrack[] candidates = [Track("p1", "Song", "Artist", 200_000, "USAAA0000001"), Track("p2", "Song", "Artist", 207_000, "USBBB0000002")];

        Assert.Equal(MatchVerdict.Ambiguous, _matcher.Decide(song, candidates).Verdict);
    }

    [Fact]
    public void Decide_LeadOfExactlyTheMargin_IsAccepted()
    {
        // 0.65 for the exact title against 0.60 for the core-only title: a lead of exactly 0.05.
        var song = Song("Running Up That Hill", "Kate Bush", 298_933);
        SpotifyTrack[] candidates =
        [
            Track("dg", "Running Up That Hill (A Deal With God)", "Kate Bush", 298_933, "GBCNR8500002"),
            Track("or", "Running Up That Hill", "Kate Bush", 298_933, "GBCNR8500099"),
        ];

        var decision = _matcher.Decide(song, candidates);

        Assert.Equal(MatchVerdict.Accepted, decision.Verdict);
        Assert.Equal("or", decision.Best!.Track.Id);
        Assert.Equal(0.05, decision.Candidates[0].Score - decision.Candidates[1].Score, 6);
    }

    [Fact]
    public void Decide_OnlyVersionsAndCovers_IsBelowFloor()
    {
        var song = Song("Song", "Artist", 200_000, "USAAA0000001");
        SpotifyTrack[] candidates =
        [
            Track("live", "Song - Live", "Artist", 230_000, "USAAA0000002"),
            Track("acou", "Song (Acoustic)", "Artist", 190_000, "USAAA0000003"),
            Track("remx", "Song - Remix", "Artist", 200_000, "USAAA0000004"),
            Track("covr", "Song", "Other Band", 200_000, "USAAA0000005"),
        ];

        var decision = _matcher.Decide(song, candidates);

        Assert.Equal(MatchVerdict.BelowFloor, decision.Verdict);
        Assert.Equal("covr", decision.Best!.Track.Id);
        Assert.Equal(0.45, decision.Best.Score, 6);
        Assert.Equal(["covr", "remx", "acou", "live"], decision.Candidates.Select(c => c.Track.Id));
    }

    [Fact]
    public void Decide_RadioEditSong_AcceptsTheRadioEditNotTheAlbumVersion()
    {
        var song = Song("Song (Radio Edit)", "Artist", 210_000);
        SpotifyTrack[] candidates =
        [
            Track("albm", "Song", "Artist", 270_000, "USAAA0000001"),
            Track("edit", "Song - Radio Edit", "Artist", 210_500, "USAAA0000002", "Song", "single"),
        ];

        var decision = _matcher.Decide(song, candidates);

        Assert.Equal(MatchVerdict.Accepted, decision.Verdict);
        Assert.Equal("edit", decision.Best!.Track.Id);
    }

    [Fact]
    public void Decide_RadioEditSharingTheSongsIsrc_DoesNotWinOverTheAlbumVersion()
    {
        var song = Song("Song", "Artist", 270_000, "USAAA0000001");
        SpotifyTrack[] candidates =
        [
            Track("edit", "Song - Radio Edit", "Artist", 210_000, "USAAA0000001", "Song", "single"),
            Track("albm", "Song", "Artist", 270_000, "USAAA0000001"),
        ];

        var decision = _matcher.Decide(song, candidates);

        Assert.Equal(MatchVerdict.Accepted, decision.Verdict);
        Assert.Equal("albm", decision.Best!.Track.Id);
        Assert.Equal(0.055, decision.Candidates[1].Score, 6);
    }

    [Fact]
    public void Decide_FeaturedArtistInTheTitleOrTheArtistList_IsTheSameSong()
    {
        var song = Song("Lean On (feat. MØ & DJ Snake)", "Major Lazer", 176_561, album: "Peace Is The Mission");
        var track = Track("lean", "Lean On", "Major Lazer|MØ|DJ Snake", 176_561, "QMUY41500044", "Peace Is The Mission");

        var decision = _matcher.Decide(song, [track]);

        Assert.Equal(MatchVerdict.Accepted, decision.Verdict);
        Assert.Equal(new ScoreBreakdown(0, 0.25, 0.2, 0.2, 0.01, 0, 0.66), decision.Best!.Breakdown);
    }

    [Fact]
    public void Decide_SameIdTwice_ScoresItOnce()
    {
        var track = Track("t1", "Song", "Artist", 200_000, "USAAA0000001");

        var decision = _matcher.Decide(Song("Song", "Artist", 200_000), [track, track with { }]);

        Assert.Equal(MatchVerdict.Accepted, decision.Verdict);
        Assert.Single(decision.Candidates);
    }

    [Fact]
    public void Decide_EqualScores_AreOrderedById_Ordinally()
    {
        var song = Song("Song", "Artist", 200_000);
        SpotifyTrack[] candidates = [Track("b", "Song", "Artist", 200_000, "USAAA0000001"), Track("B", "Song", "Artist", 200_000, "USBBB0000002")];

        var decision = _matcher.Decide(song, candidates);

        Assert.Equal(MatchVerdict.Ambiguous, decision.Verdict);
        Assert.Equal("B", decision.Best!.Track.Id);
    }

    [Fact]
    public void Decide_IsTheSameWhateverTheCandidateOrder()
    {
        var song = Song("Song", "Artist", 200_000, "USAAA0000001", "Greatest Hits");
        SpotifyTrack[] candidates =
        [
            Track("c1", "Song", "Artist", 200_000, "USAAA0000001", "Greatest Hits", "compilation", "2015-01-01"),
            Track("s1", "Song", "Artist", 201_000, "USAAA0000001", "Song", "single", "1999-03-01"),
            Track("a1", "Song", "Artist", 200_500, "USAAA0000001", "First", "album", "2003-06-01"),
            Track("a0", "Song", "Artist", 200_500, "USAAA0000001", "Other", "album", "2003-06-01"),
            Track("l1", "Song - Live", "Artist", 200_000, "USAAA0000009"),
        ];
        var expected = Describe(_matcher.Decide(song, candidates));

        foreach (var order in Permutations(candidates))
        {
            Assert.Equal(expected, Describe(_matcher.Decide(song, order)));
        }

        Assert.StartsWith("Accepted a0 ", expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_UsesTheConfiguredFloorMarginAndVersion()
    {
        var matcher = new SpotifyMatcher(new MatcherOptions { Floor = 0.7, Version = "7" });

        var decision = matcher.Decide(Song("Song", "Artist", 200_000), [Track("t1", "Song", "Artist", 200_000)]);

        Assert.Equal(MatchVerdict.BelowFloor, decision.Verdict);
        Assert.Equal("7", decision.MatcherVersion);
        Assert.Equal("t1", decision.Best!.Track.Id);
    }

    private static string Describe(MatchDecision d) =>
        $"{d.Verdict} {d.Best?.Track.Id} {string.Join(',', d.Candidates.Select(c => $"{c.Track.Id}={c.Score}"))}";

    private static IEnumerable<SpotifyTrack[]> Permutations(SpotifyTrack[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Length; i++)
        {
            var rest = items.Where((_, j) => j != i).ToArray();
            foreach (var tail in Permutations(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }
}
