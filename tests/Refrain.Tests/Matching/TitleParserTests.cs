using Refrain.Matching;

namespace Refrain.Tests.Matching;

public sealed class TitleParserTests
{
    [Theory]
    [InlineData("Here Comes the Sun - Remastered 2009")]
    [InlineData("Here Comes the Sun - 2009 Remaster")]
    [InlineData("Here Comes the Sun (Remastered)")]
    [InlineData("Here Comes the Sun [Deluxe]")]
    [InlineData("Here Comes the Sun (Deluxe Edition)")]
    [InlineData("Here Comes the Sun - Mono")]
    [InlineData("Here Comes the Sun - Stereo")]
    [InlineData("Here Comes the Sun - Single Version")]
    [InlineData("Here Comes the Sun (Album Version)")]
    [InlineData("Here Comes the Sun - 2015 Remastered Version")]
    [InlineData("Here Comes the Sun - Remastered 2009 / Mono")]
    [InlineData("Here Comes the Sun - 50th Anniversary Edition")]
    [InlineData("Here Comes the Sun (Bonus Track)")]
    [InlineData("Here Comes the Sun - From \"The Movie\" Soundtrack")]
    [InlineData("Here Comes the Sun - Original Mix")]
    [InlineData("Here Comes the Sun - From \"Frozen\"/Soundtrack Version")]
    [InlineData("Here Comes the Sun (1969)")]
    [InlineData("HERE COMES THE SUN")]
    public void Parse_NeutralSuffixes_AreIgnored(string title)
    {
        var parsed = TitleParser.Parse(title);

        Assert.Equal("here comes the sun", parsed.Full);
        Assert.Equal(VersionKind.None, parsed.Kinds);
        Assert.Empty(parsed.Featured);
    }

    [Theory]
    [InlineData("Song (Live)", "Live")]
    [InlineData("Song - Live at Wembley Stadium", "Live")]
    [InlineData("Song - Live / Remastered 2011", "Live")]
    [InlineData("Song (En Vivo)", "Live")]
    [InlineData("Song - Acoustic", "Acoustic")]
    [InlineData("Song (Acoustic Version)", "Acoustic")]
    [InlineData("Song - Remix", "Remix")]
    [InlineData("Song - Tiësto Remix", "Remix")]
    [InlineData("Song (Club Mix)", "Remix")]
    [InlineData("Song - 2009 Mix", "Remix")]
    [InlineData("Song [Instrumental]", "Instrumental")]
    [InlineData("Song (Karaoke Version)", "Karaoke")]
    [InlineData("Song (Originally Performed by Someone)", "Karaoke")]
    [InlineData("Song - Demo", "Demo")]
    [InlineData("Song - Radio Edit", "Edit")]
    [InlineData("Song (Radio Version)", "Edit")]
    [InlineData("Song - Edit", "Edit")]
    [InlineData("Song - Extended", "Extended")]
    [InlineData("Song (Extended Mix)", "Extended")]
    [InlineData("Song - BBC Session", "Session")]
    [InlineData("Song - Spotify Sessions", "Session")]
    [InlineData("Song (Cover)", "Cover")]
    [InlineData("Song - Piano Cover", "Cover")]
    [InlineData("Song (Live) [Acoustic]", "Live, Acoustic")]
    [InlineData("Song (Ao Vivo)", "Live")]
    [InlineData("Song (Off Vocal)", "Instrumental")]
    [InlineData("Song (TV Size)", "Edit")]
    [InlineData("Song - 12\" Version", "Extended")]
    [InlineData("Song - Slowed + Reverb", "Remix")]
    [InlineData("Song - Re-Recorded", "Rerecorded")]
    [InlineData("Song - Alternate Take", "Other")]
    [InlineData("Song (Take 2)", "Other")]
    [InlineData("Song (Reprise)", "Other")]
    [InlineData("Song (Taylor's Version)", "Other")]
    [InlineData("Song (Spanish Version)", "Other")]
    [InlineData("Song - From THE FIRST TAKE", "Other")]
    [InlineData("Song（Live）", "Live")]
    public void Parse_DistinguishingSuffixes_AreKeptApart(string title, string kinds)
    {
        var parsed = TitleParser.Parse(title);

        Assert.Equal("song", parsed.Full);
        Assert.Equal(Enum.Parse<VersionKind>(kinds), parsed.Kinds);
    }

    [Theory]
    [InlineData("Song - Tiësto Remix", new[] { "tiesto" })]
    [InlineData("Song (Live at Wembley Stadium, 1986)", new[] { "1986", "stadium", "wembley" })]
    [InlineData("Song (Live)", new string[0])]
    [InlineData("Song - Radio Edit", new string[0])]
    public void Parse_DistinguishingSuffixDetails_NameTheVersion(string title, string[] details) =>
        Assert.Equal(details, TitleParser.Parse(title).Details);

    [Theory]
    [InlineData("Song (feat. Artist B)", new[] { "Artist B" })]
    [InlineData("Song (ft. Artist B & Artist C)", new[] { "Artist B", "Artist C" })]
    [InlineData("Song [featuring Artist B]", new[] { "Artist B" })]
    [InlineData("Song (with Artist B)", new[] { "Artist B" })]
    [InlineData("Song - feat. Artist B", new[] { "Artist B" })]
    [InlineData("Song feat. Artist B", new[] { "Artist B" })]
    [InlineData("Song ft. Artist B, Artist C", new[] { "Artist B", "Artist C" })]
    [InlineData("Song (Remix) [feat. Artist B]", new[] { "Artist B" })]
    public void Parse_FeaturedArtists_MoveOutOfTheTitle(string title, string[] featured)
    {
        var parsed = TitleParser.Parse(title);

        Assert.Equal("song", parsed.Full);
        Assert.Equal(featured, parsed.Featured);
    }

    [Theory]
    [InlineData("Dancing with Myself", "dancing with myself")]
    [InlineData("Running Up That Hill (A Deal With God) - 2018 Remaster", "running up that hill a deal with god")]
    [InlineData("(I Can't Get No) Satisfaction - Mono Version", "i cant get no satisfaction")]
    [InlineData("Running Up That Hill - A Deal With God", "running up that hill a deal with god")]
    [InlineData("Symphony No. 9 (Choral)", "symphony no 9 choral")]
    [InlineData("Live and Let Die", "live and let die")]
    [InlineData("Remix to Ignition", "remix to ignition")]
    public void Parse_WordsThatOnlyLookLikeMarkers_StayInTheTitle(string title, string full)
    {
        var parsed = TitleParser.Parse(title);

        Assert.Equal(full, parsed.Full);
        Assert.Equal(VersionKind.None, parsed.Kinds);
        Assert.Empty(parsed.Featured);
    }

    [Theory]
    [InlineData("Song (The Other Side)", "song")]
    [InlineData("(I Can't Get No) Satisfaction", "satisfaction")]
    public void Parse_UnrecognisedBracket_IsLeftOutOfTheCore(string title, string core) =>
        Assert.Equal(core, TitleParser.Parse(title).Core);

    [Theory]
    [InlineData("Song, Pt. 2", "Song (Part 2)")]
    [InlineData("Song - Single Version", "Song (Remastered 2011)")]
    public void Parse_ConventionalSpellings_AreTheSameTitle(string a, string b) =>
        Assert.Equal(TitleParser.Parse(a).Full, TitleParser.Parse(b).Full);

    [Fact]
    public void Parse_NonLatinTitleWithVersion_KeepsItsWords()
    {
        var parsed = TitleParser.Parse("水平線 (Live)");

        Assert.Equal("水平線", parsed.Full);
        Assert.Equal(VersionKind.Live, parsed.Kinds);
    }
}
