using Refrain.Matching;

namespace Refrain.Tests.Matching;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("Don't Stop Me Now", "dont stop me now")]
    [InlineData("Don’t Stop Me Now", "dont stop me now")]
    [InlineData("HEY   JUDE", "hey jude")]
    [InlineData("Beyoncé", "beyonce")]
    [InlineData("Mötley Crüe", "motley crue")]
    [InlineData("Sigur Rós", "sigur ros")]
    [InlineData("Mitt hjärta blöder", "mitt hjarta bloder")]
    [InlineData("Straße", "strasse")]
    [InlineData("MØ", "mo")]
    [InlineData("AC/DC", "ac dc")]
    [InlineData("Simon & Garfunkel", "simon and garfunkel")]
    [InlineData("Florence + the Machine", "florence and the machine")]
    [InlineData("Hold On, We're Going Home!", "hold on were going home")]
    [InlineData("ＡＢＣ　１２３", "abc 123")]
    public void Normalize_FoldsCaseAccentsAndPunctuation(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Theory]
    [InlineData("青春コンプレックス")]
    [InlineData("結束バンド")]
    [InlineData("水平線")]
    [InlineData("봄날")]
    [InlineData("أهواك")]
    [InlineData("दिल से")]
    public void Normalize_KeepsNonLatinScriptsWhole(string title) =>
        Assert.Equal(title, TextNormalizer.Normalize(title));

    [Fact]
    public void Normalize_KeepsKanaVoicingMarks()
    {
        Assert.Equal("バンド", TextNormalizer.Normalize("バンド"));
        Assert.NotEqual(TextNormalizer.Normalize("バンド"), TextNormalizer.Normalize("ハント"));
    }

    [Fact]
    public void Normalize_LowersCyrillicAndFoldsItsAccents()
    {
        Assert.Equal("привет мир", TextNormalizer.Normalize("ПРИВЕТ, Мир!"));
        Assert.Equal("елка", TextNormalizer.Normalize("Ёлка"));
    }

    [Fact]
    public void Parse_TitleOfSymbolsOnly_DoesNotCollapseToEmpty()
    {
        Assert.Equal("!!!", TitleParser.Parse("!!!").Full);
        Assert.NotEqual(TitleParser.Parse("?").Full, TitleParser.Parse("!!!").Full);
    }
}
