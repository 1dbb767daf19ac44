using Refrain.Providers.MusicBrainz;

namespace Refrain.Tests.Providers;

/// <summary>DESIGN §6, hand-checked: lengths within 3 s of each other give their median; otherwise, or none known, unknown.</summary>
public sealed class CanonicalDurationTests
{
    [Theory]
    [InlineData(new[] { 281000 }, 281000)]
    [InlineData(new[] { 281000, 282500, 280000 }, 281000)] // spread 2.5 s, median of three
    [InlineData(new[] { 200000, 202000 }, 201000)] // even count: mean of the middle two
    [InlineData(new[] { 200000, 203000 }, 201500)] // exactly 3 s apart still agree
    [InlineData(new[] { 200000, 200001 }, 200001)] // 200000.5 rounds away from zero
    [InlineData(new[] { 210000, 211000, 212999, 210500 }, 210750)]
    public void AgreeingLengths_GiveTheirMedian(int[] lengths, int expected) =>
        Assert.Equal(expected, MusicBrainzClient.CanonicalDurationMs(Recordings(lengths.Select(l => (int?)l))));

    [Theory]
    [InlineData(new[] { 200000, 203001 })] // 3.001 s apart
    [InlineData(new[] { 180000, 180400, 240000 })] // a radio edit under the same ISRC
    public void DisagreeingLengths_AreUnknown(int[] lengths) =>
        Assert.Null(MusicBrainzClient.CanonicalDurationMs(Recordings(lengths.Select(l => (int?)l))));

    [Fact]
    public void NullLengths_AreUnknownNotDisagreeing() =>
        Assert.Equal(245000, MusicBrainzClient.CanonicalDurationMs(Recordings([null, 245000, null])));

    [Fact]
    public void NoKnownLength_IsUnknown()
    {
        Assert.Null(MusicBrainzClient.CanonicalDurationMs(Recordings([null, null])));
        Assert.Null(MusicBrainzClient.CanonicalDurationMs([]));
    }

    private static List<MusicBrainzRecording> Recordings(IEnumerable<int?> lengths) =>
        lengths.Select((l, i) => new MusicBrainzRecording($"00000000-0000-4000-8000-{i:D12}", "Song", l, ["Artist"], ["GBAAA9900001"], null)).ToList();
}
