using Refrain.Jobs;

namespace Refrain.Tests.Jobs;

/// <summary>A provider pool claims only the jobs the requests in sight pay for, at the cost one job is seen to make.</summary>
public sealed class ClaimBudgetTests
{
    [Theory]
    [InlineData(100, 30, 0, 1.0, 30)]
    [InlineData(100, 30, 0, 3.0, 10)]
    [InlineData(100, 30, 4, 3.0, 6)]
    [InlineData(100, 31, 0, 3.5, 8)]
    [InlineData(5, 30, 0, 3.0, 5)]
    [InlineData(100, 10, 5, 3.0, 0)]
    [InlineData(100, 0, 0, 1.0, 0)]
    public void Jobs_FitTheirRequestsAndThoseOfTheJobsInHand(int want, int inSight, int held, double perJob, int expected) =>
        Assert.Equal(expected, ClaimBudget.Jobs(want, inSight, held, perJob));

    [Fact]
    public void RequestsPerJob_UsesTheDeclaredCostUntilEnoughJobsFinished()
    {
        Assert.Equal(3.0, ClaimBudget.RequestsPerJob(3, granted: 40, finished: ClaimBudget.Observations - 1));
        Assert.Equal(1.0, ClaimBudget.RequestsPerJob(0, granted: 0, finished: 0));
    }

    [Fact]
    public void RequestsPerJob_ThenTheObservedCost_ClampedFromOneToFifty()
    {
        Assert.Equal(3.5, ClaimBudget.RequestsPerJob(1, granted: 70, finished: 20));
        Assert.Equal(1.0, ClaimBudget.RequestsPerJob(3, granted: 5, finished: 20));
        Assert.Equal(50.0, ClaimBudget.RequestsPerJob(1, granted: 10_000, finished: 20));
    }
}
