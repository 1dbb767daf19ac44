using Refrain.Matching;

namespace Refrain.Tests.Matching;

public sealed class MatcherOptionsTests
{
    [Fact]
    public void Defaults_AreValidAndCarryTheMatcherVersion()
    {
        var options = new MatcherOptions();

        Assert.Empty(options.Validate());
        Assert.Equal(0.55, options.Floor);
        Assert.Equal(0.05, options.Margin);
        Assert.Equal(SpotifyMatcher.Version, options.Version);
    }

    [Fact]
    public void Validate_NamesEveryBadSetting()
    {
        var errors = new MatcherOptions { Floor = 0, Margin = -0.1, Version = " " }.Validate();

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Matching:Floor", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Matching:Margin", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Matching:Version", StringComparison.Ordinal));
    }
}
