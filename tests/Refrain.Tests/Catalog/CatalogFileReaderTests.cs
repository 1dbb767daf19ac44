using Refrain.Catalog;

namespace Refrain.Tests.Catalog;

public sealed class CatalogFileReaderTests
{
    private const string Header = "title,artists,album,isrc,duration_ms,spotify_track_id,musicbrainz_recording_id,release_date";

    private static (List<CatalogRow> Rows, List<CatalogFileError> Errors) Csv(params string[] lines) =>
        CatalogFileReader.Read(new StringReader(string.Join('\n', lines)), jsonLines: false);

    [Fact]
    public void Csv_QuotedFieldsAndSemicolonArtists_AreRead()
    {
        var (rows, errors) = Csv(Header, "\"Hello, \"\"World\"\"\",Dolly Parton; Miley Cyrus,\"Album, Deluxe\",USRC11700001,201000,4uLU6hMCjMI75M1A2tKUQC,,2017-05-01");

        Assert.Empty(errors);
        var row = Assert.Single(rows);
        Assert.Equal("Hello, \"World\"", row.Title);
        Assert.Equal(["Dolly Parton", "Miley Cyrus"], row.Artists);
        Assert.Equal(("Album, Deluxe", "USRC11700001", 201000, "4uLU6hMCjMI75M1A2tKUQC"), (row.Album, row.Isrc, row.DurationMs, row.SpotifyTrackId));
    }

    [Fact]
    public void Csv_QuotedLineBreak_KeepsTheRecordsLineNumber()
    {
        var (rows, errors) = Csv("title,artists,duration_ms", "\"Two\nLines\",A,x", "Ok,B,1");

        Assert.Equal(2, Assert.Single(errors).Line);
        Assert.Equal("Ok", Assert.Single(rows).Title);
    }

    [Theory]
    [InlineData(",A,,,,,,", "title is missing")]
    [InlineData("T,,,,,,,", "artists are missing")]
    [InlineData("T,A,,,0,,,", "duration_ms '0' is not a positive integer")]
    [InlineData("T,A,,,12.5,,,", "duration_ms '12.5' is not a positive integer")]
    [InlineData("T,A,,,-3,,,", "duration_ms '-3' is not a positive integer")]
    [InlineData("T,A,,usrc11700001,,,,", "isrc 'usrc11700001' does not match")]
    [InlineData("T,A,,US-RC1-17-00001,,,,", "does not match")]
    [InlineData("T,A,,USRC1170000,,,,", "does not match")]
    [InlineData("T,A,,,,4uLU6hMCjMI75M1A2tKUQ,,", "spotify_track_id '4uLU6hMCjMI75M1A2tKUQ' is not 22 base-62 characters")]
    [InlineData("T,A,,,,4uLU6hMCjMI75M1A2tKU-Q,,", "is not 22 base-62 characters")]
    [InlineData("T,A,,,,,,2017-5-1", "release_date")]
    public void Csv_InvalidRow_IsReportedWithItsLine(string line, string message)
    {
        var (rows, errors) = Csv(Header, "Fine,A,,,,,,", line);

        Assert.Single(rows);
        var error = Assert.Single(errors);
        Assert.Equal(3, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_UnknownColumn_IsAnError()
    {
        var (_, errors) = Csv("title,artists,colour", "T,A,red");

        Assert.Contains("unknown column 'colour'", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonLines_ArtistsAsArray_AndBadLinesNamed()
    {
        var text = """
            {"title": "Jolene", "artists": ["Dolly Parton"], "isrc": "USRC17300001", "duration_ms": 161000}

            {"title": "Bad", "artists": "Dolly Parton"}
            not json
            {"title": "X", "artists": ["Y"], "color": "red"}
            """;

        var (rows, errors) = CatalogFileReader.Read(new StringReader(text), jsonLines: true);

        Assert.Equal(("Jolene", 161000), (Assert.Single(rows).Title, rows[0].DurationMs));
        Assert.Equal([3, 4, 5], errors.Select(e => e.Line));
        Assert.Contains("array", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("unknown member 'color'", errors[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SongKey_IsTheIsrc_ElseNormalisedTitleArtistsAlbum()
    {
        var (rows, _) = Csv(Header, "Café,Beyoncé,Lemonade,,,,,", "CAFE ,beyonce, lemonade,,,,,", "Café,Beyoncé,Lemonade,USSM11600001,,,,");

        Assert.Equal(rows[0].SongKey, rows[1].SongKey);
        Assert.Equal("isrc:USSM11600001", rows[2].SongKey);
    }
}
