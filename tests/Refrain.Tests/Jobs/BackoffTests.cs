using Refrain.Jobs;

namespace Refrain.Tests.Jobs;

/// <summary>DESIGN §4: <c>min(6 h, 30 s × 2^(attempt−1)) × uniform(0.8, 1.2)</c>.</summary>
public sealed class BackoffTests
{
    private const double Tolerance = 0.001; // seconds

    [Fact]
    public void Delay_UnitZero_IsEightTenthsOfTheBase() =>
        Assert.Equal(24, Backoff.Delay(1, 0).TotalSeconds, Tolerance);

    [Fact]
    public void Delay_UnitJustBelowOne_IsAlmostSixFifthsOfTheBase() =>
        Assert.Equal(36, Backoff.Delay(1, 0.999999).TotalSeconds, Tolerance);

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(10, 15360)] // 30 × 2^9
    public void Delay_DoublesWithEachAttempt(int attempt, double rawSeconds)
    {
        Assert.Equal(rawSeconds * 0.8, Backoff.Delay(attempt, 0).TotalSeconds, Tolerance);
        Assert.Equal(rawSeconds, Backoff.Delay(attempt, 0.5).TotalSeconds, Tolerance);
        Assert.Equal(rawSeconds * 1.2, Backoff.Delay(attempt, 0.999999).TotalSeconds, 0.1);
    }

    [Theory]
    [InlineData(11)] // 30 × 2^10 = 30720 s > 21600 s
    [InlineData(20)]
    [InlineData(int.MaxValue)]
    public void Delay_IsCappedAtSixHoursBeforeJitter(int attempt)
    {
        var sixHours = TimeSpan.FromHours(6).TotalSeconds;

        Assert.Equal(sixHours * 0.8, Backoff.Delay(attempt, 0).TotalSeconds, Tolerance);
        Assert.Equal(sixHours, Backoff.Delay(attempt, 0.5).TotalSeconds, Tolerance);
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(4, 240)]
    [InlineData(20, 21600)]
    public void Delay_RandomJitter_StaysWithinEightyToOneHundredTwentyPercent(int attempt, double rawSeconds)
    {
        for (var i = 0; i < 1000; i++)
        {
            var seconds = Backoff.Delay(attempt).TotalSeconds;
            Assert.InRange(seconds, rawSeconds * 0.8, rawSeconds * 1.2);
        }
    }
}
