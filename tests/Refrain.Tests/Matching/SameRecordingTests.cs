using Refrain.Matching;
using static Refrain.Tests.Matching.Tracks;

namespace Refrain.Tests.Matching;

public sealed class SameRecordingTests
{
    private readonly SpotifyMatcher _matcher = new();

    [Theory]
    [InlineData("Song", "Artist", 200_000, "USAAA0000001", "Song - 2011 Remaster", "Artist", 201_500, "USAAA0000001", true)]
    [InlineData("Song", "Artist", 200_000, "USAAA0000001", "Song", "Artist", 202_000, "USAAA0000001", true)]
    [InlineData("Song", "Artist", 200_000, "USAAA0000001", "Song", "Artist", 202_001, "USAAA0000001", false)]
    [InlineData("Song", "Artist", 200_000, "USAAA0000001", "Song", "Artist", 200_000, "USAAA0000002", false)]
    [InlineData("Song", "Artist", 200_000, null, "Song", "Artist", 200_000, null, false)]
    [InlineData("Song", "Artist", 200_000, "USAAA0000001", "Song - Live", "Artist", 200_000, "USAAA0000001", false)]
    [InlineData("Song", "Artist", 200_000, "USAAA0000001", "Song (Remix)", "Artist", 200_000, "USAAA0000001", false)]
    [InlineData("Song", "Artist", 200_000, "USAAA0000001", "Other Song", "Artist", 200_000, "USAAA0000001", false)]
    [InlineData("Song", "Artist", 200_000, "USAAA0000001", "Song", "Somebody Else", 200_000, "USAAA0000001", false)]
    [InlineData("Song (feat. B)", "A", 200_000, "USAAA0000001", "Song", "A|B", 200_000, "USAAA0000001", true)]
    [InlineData("Song", "A", 200_000, "USAAA0000001", "Song", "A|B", 200_000, "USAAA0000001", true)]
    [InlineData("Song", "B", 200_000, "USAAA0000001", "Song", "A|B", 200_000, "USAAA0000001", false)]
    [InlineData("Song", "A|C", 200_000, "USAAA0000001", "Song", "A|B", 200_000, "USAAA0000001", false)]
    [InlineData("Mitt Hjärta Blöder", "Veronica Maggio", 201_360, "SEUM71100339", "mitt hjarta bloder", "VERONICA MAGGIO", 201_360, "SEUM71100339", true)]
    public void SameRecording_NeedsIsrcDurationTitleAndArtists(
        string titleA, string artistsA, int msA, string? isrcA, string titleB, string artistsB, int msB, string? isrcB, bool same)
    {
        var a = Track("a", titleA, artistsA, msA, isrcA);
        var b = Track("b", titleB, artistsB, msB, isrcB);

        Assert.Equal(same, _matcher.SameRecording(a, b));
        Assert.Equal(same, _matcher.SameRecording(b, a));
    }

    [Fact]
    public void SameRecording_SameTrack_IsTrue()
    {
        var a = Track("a", "Song", "Artist", 200_000);

        Assert.True(_matcher.SameRecording(a, a));
    }
}
