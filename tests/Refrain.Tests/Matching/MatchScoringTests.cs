using Refrain.Matching;
using static Refrain.Tests.Matching.Tracks;

namespace Refrain.Tests.Matching;

public sealed class MatchScoringTests
{
    private readonly SpotifyMatcher _matcher = new();

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(2_000, 1.0)]
    [InlineData(3_000, 1.0)]
    [InlineData(16_500, 0.5)]
    [InlineData(30_000, 0.0)]
    [InlineData(90_000, 0.0)]
    public void DurationCredit_IsFullWithinThreeSecondsAndNoneAtThirty(int deltaMs, double credit) =>
        Assert.Equal(credit, MatchScoring.DurationCredit(deltaMs), 6);

    [Fact]
    public void DurationCredit_UnknownDuration_IsNeutral() =>
        Assert.Equal(0.5, MatchScoring.DurationCredit(null));

    [Theory]
    [InlineData(200_000, 0.2)]
    [InlineData(203_000, 0.2)]
    [InlineData(216_500, 0.1)]
    [InlineData(240_000, 0.0)]
    public void Score_Duration_IsGraded(int candidateMs, double expected)
    {
        var score = _matcher.Score(Song("Song", "Artist", 200_000), Track("t1", "Song", "Artist", candidateMs));

        Assert.Equal(expected, score.Breakdown.Duration, 6);
    }

    [Fact]
    public void Score_SongWithoutDuration_GetsHalfTheDurationWeight()
    {
        var score = _matcher.Score(Song("Song", "Artist"), Track("t1", "Song", "Artist", 200_000));

        Assert.Equal(0.1, score.Breakdown.Duration, 6);
        Assert.Equal(0.55, score.Score, 6);
    }

    [Fact]
    public void Score_PerfectMatch_EarnsEveryComponent()
    {
        var song = Song("Running Up That Hill (A Deal With God)", "Kate Bush", 298_933, "GBCNR8500002", "Hounds of Love");
        var track = Track("t1", "Running Up That Hill (A Deal With God)", "Kate Bush", 298_933, "GBCNR8500002", "Hounds Of Love");

        var b = _matcher.Score(song, track).Breakdown;

        Assert.Equal(new ScoreBreakdown(0.35, 0.25, 0.2, 0.2, 0.01, 0, 1.01), b);
    }

    [Fact]
    public void Score_RemasterUnderAnotherIsrc_LosesOnlyTheIsrc()
    {
        var song = Song("Running Up That Hill (A Deal With God)", "Kate Bush", 298_933, "GBCNR8500002", "Hounds of Love");
        var track = Track("t1", "Running Up That Hill (A Deal With God) - 2018 Remaster", "Kate Bush", 300_840, "GBAYE1800884", "Hounds of Love (2018 Remaster)");

        var b = _matcher.Score(song, track).Breakdown;

        Assert.Equal(new ScoreBreakdown(0, 0.25, 0.2, 0.2, 0.01, 0, 0.66), b);
    }

    [Theory]
    [InlineData(1_000, 0.35)]
    [InlineData(2_000, 0.35)]
    [InlineData(6_000, 0.21)]
    [InlineData(10_000, 0.14)]
    [InlineData(30_000, 0.105)]
    [InlineData(120_000, 0.105)]
    public void Score_SameIsrc_CountsLessAsDurationsDrift(int deltaMs, double expected)
    {
        var score = _matcher.Score(Song("Song", "Artist", 200_000, "USAAA0000001"), Track("t1", "Song", "Artist", 200_000 + deltaMs, "USAAA0000001"));

        Assert.Equal(expected, score.Breakdown.Isrc, 6);
    }

    [Fact]
    public void Score_IsrcIsComparedWithoutCaseOrHyphens()
    {
        var score = _matcher.Score(Song("Song", "Artist", 200_000, "us-aaa-00-00001"), Track("t1", "Song", "Artist", 200_000, "USAAA0000001"));

        Assert.Equal(0.35, score.Breakdown.Isrc, 6);
    }

    [Fact]
    public void Score_SameIsrcAndDurationButOtherScriptTitleAndArtist_IsStillAccepted()
    {
        var song = Song("Seishun Complex", "Kessoku Band", 205_133, "JPE302200934");
        var track = Track("t1", "青春コンプレックス", "結束バンド", 205_133, "JPE302200934");

        var decision = _matcher.Decide(song, [track]);

        Assert.Equal(0.55, decision.Best!.Score, 6);
        Assert.Equal(MatchVerdict.Accepted, decision.Verdict);
    }

    [Theory]
    [InlineData("Song", "Song - Live", -0.5)]
    [InlineData("Song", "Song (Acoustic)", -0.5)]
    [InlineData("Song", "Song - Radio Edit", -0.5)]
    [InlineData("Song", "Song (Instrumental)", -0.5)]
    [InlineData("Song (Live)", "Song", -0.5)]
    [InlineData("Song (Remix)", "Song (Live)", -0.5)]
    [InlineData("Song (Live)", "Song - Live at Wembley", 0)]
    [InlineData("Song (Radio Edit)", "Song - Edit", 0)]
    [InlineData("Song (Tiësto Remix)", "Song - Tiesto Remix", 0)]
    [InlineData("Song (Tiësto Remix)", "Song - David Guetta Remix", -0.2)]
    [InlineData("Song (Live in Tokyo)", "Song - Live at Wembley", -0.2)]
    [InlineData("Song", "Song - Remastered 2011", 0)]
    [InlineData("Song - Live", "Song - Live / 2011 Remaster", 0)]
    [InlineData("Song", "Song (Taylor's Version)", -0.5)]
    [InlineData("Song (Taylor's Version)", "Song - Taylor's Version", 0)]
    [InlineData("Song", "Song - Alternate Take", -0.5)]
    public void Score_DistinguishingVersions_MustAgree(string songTitle, string trackTitle, double penalty)
    {
        var score = _matcher.Score(Song(songTitle, "Artist", 200_000), Track("t1", trackTitle, "Artist", 200_000));

        Assert.Equal(penalty, score.Breakdown.VersionPenalty, 6);
    }

    [Fact]
    public void Score_LiveTrackOnALiveAlbumWithoutLiveInItsTitle_IsNotPenalisedForALiveSong()
    {
        var score = _matcher.Score(Song("About a Girl (Live)", "Nirvana", 217_000), Track("t1", "About A Girl", "Nirvana", 217_000, album: "MTV Unplugged In New York"));

        Assert.Equal(0, score.Breakdown.VersionPenalty);
    }

    [Theory]
    [InlineData("Song (feat. B)", "A", "Song", "A|B")]
    [InlineData("Song", "A|B", "Song (feat. B)", "A")]
    [InlineData("Song [with B]", "A", "Song - feat. B", "A")]
    [InlineData("Song", "A feat. B", "Song", "A|B")]
    [InlineData("Song", "A & B", "Song", "A|B")]
    [InlineData("Song", "The Killers", "Song", "Killers")]
    [InlineData("Song", "Beyonce", "Song", "Beyoncé")]
    public void Score_FeaturedArtists_CountWhereverTheyAreCredited(string songTitle, string songArtists, string trackTitle, string trackArtists)
    {
        var b = _matcher.Score(Song(songTitle, songArtists, 200_000), Track("t1", trackTitle, trackArtists, 200_000)).Breakdown;

        Assert.Equal(0.25, b.Title, 6);
        Assert.Equal(0.2, b.Artists, 6);
    }

    [Fact]
    public void Score_ArtistOnlyFeaturedInTheSong_GetsPartialCredit()
    {
        // The song's first artist counts 1 and its featured artist ½: the track credits only the first → 1 / 1.5.
        var b = _matcher.Score(Song("Song (feat. B)", "A", 200_000), Track("t1", "Song", "A", 200_000)).Breakdown;

        Assert.Equal(0.1333, b.Artists, 4);
    }

    [Fact]
    public void Score_OtherArtist_GetsNoArtistCredit()
    {
        var b = _matcher.Score(Song("Lyckliga gatan", "Timo Räisänen", 250_706), Track("t1", "Lyckliga gatan", "Anna-Lena Löfgren", 250_706)).Breakdown;

        Assert.Equal(0, b.Artists);
        Assert.Equal(0.45, b.Total, 6);
    }

    [Theory]
    [InlineData("Symphony No. 9", "Symphony No. 9 (Choral)", 0.2)]
    [InlineData("Satisfaction", "(I Can't Get No) Satisfaction", 0.2)]
    [InlineData("Gatan", "Gatan Upp", 0.0)]
    [InlineData("Beautiful", "Beautifull", 0.1407)]
    public void Score_Title_CreditsCoreAndNearSpellings(string songTitle, string trackTitle, double expected)
    {
        var b = _matcher.Score(Song(songTitle, "Artist", 200_000), Track("t1", trackTitle, "Artist", 200_000)).Breakdown;

        Assert.Equal(expected, b.Title, 4);
    }

    [Fact]
    public void Score_AlbumOnlyBreaksTies()
    {
        var withAlbum = _matcher.Score(Song("Song", "Artist", 200_000, album: "The Album"), Track("t1", "Song", "Artist", 200_000, album: "The Album (Deluxe Edition)"));
        var otherAlbum = _matcher.Score(Song("Song", "Artist", 200_000, album: "The Album"), Track("t2", "Song", "Artist", 200_000, album: "Greatest Hits"));

        Assert.Equal(0.01, withAlbum.Breakdown.Album, 6);
        Assert.Equal(0, otherAlbum.Breakdown.Album);
        Assert.True(withAlbum.Score - otherAlbum.Score < new MatcherOptions().Margin);
    }
}
