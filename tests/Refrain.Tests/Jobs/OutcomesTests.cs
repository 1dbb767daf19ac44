using Refrain.Jobs;

namespace Refrain.Tests.Jobs;

/// <summary>How a handler's outcome becomes the job's next state (DESIGN §4).</summary>
public sealed class OutcomesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static JobRecord Job(int attempts = 1, int maxAttempts = 10, int parseFailures = 0) => new()
    {
        Id = 42,
        Source = "spotify",
        JobType = "rematch_duration_mismatches",
        Subject = "song:812",
        State = JobState.Running,
        Attempts = attempts,
        MaxAttempts = maxAttempts,
        ParseFailures = parseFailures,
        LeaseToken = 7,
    };

    [Fact]
    public void ToCompletion_Succeeded_IsSucceededWithDetail()
    {
        var completion = Outcomes.ToCompletion(Job(), new JobOutcome.Succeeded("linked 3"), Now);

        Assert.Equal(JobState.Succeeded, completion.State);
        Assert.Equal("linked 3", completion.Detail);
        Assert.Equal(42, completion.JobId);
        Assert.Equal(7, completion.LeaseToken);
        Assert.Equal(0, completion.RefundAttempt);
    }

    [Fact]
    public void ToCompletion_NoData_IsNoDataWithReasonInDetail()
    {
        var completion = Outcomes.ToCompletion(Job(), new JobOutcome.NoData("HTTP 404: not found"), Now);

        Assert.Equal(JobState.NoData, completion.State);
        Assert.Equal("HTTP 404: not found", completion.Detail);
        Assert.Equal(7, completion.LeaseToken);
    }

    [Fact]
    public void ToCompletion_Permanent_IsFailedWithError()
    {
        var completion = Outcomes.ToCompletion(Job(), new JobOutcome.Permanent("HTTP 400"), Now);

        Assert.Equal(JobState.Failed, completion.State);
        Assert.Equal("HTTP 400", completion.Error);
    }

    [Fact]
    public void ToCompletion_Snooze_IsPendingUntilThenAndUsesNoAttempt()
    {
        var until = Now.AddHours(2);

        var completion = Outcomes.ToCompletion(Job(attempts: 3), new JobOutcome.Snooze(until, "rate"), Now);

        Assert.Equal(JobState.Pending, completion.State);
        Assert.Equal(until, completion.RunAt);
        Assert.Equal(1, completion.RefundAttempt);
        Assert.Contains("rate", completion.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ToCompletion_SnoozeAtMaxAttempts_IsPendingNotDead()
    {
        // A snooze uses no attempt, so it cannot exhaust them.
        var completion = Outcomes.ToCompletion(Job(attempts: 10, maxAttempts: 10), new JobOutcome.Snooze(Now.AddMinutes(5), "quota"), Now);

        Assert.Equal(JobState.Pending, completion.State);
        Assert.Equal(1, completion.RefundAttempt);
    }

    [Fact]
    public void ToCompletion_RetryWithAfter_IsPendingAtNowPlusAfter()
    {
        var completion = Outcomes.ToCompletion(Job(attempts: 2), new JobOutcome.Retry("HTTP 503", TimeSpan.FromMinutes(7)), Now);

        Assert.Equal(JobState.Pending, completion.State);
        Assert.Equal(Now.AddMinutes(7), completion.RunAt);
        Assert.Equal("HTTP 503", completion.Error);
        Assert.Equal(0, completion.RefundAttempt);
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(3, 120)]
    [InlineData(9, 7680)]
    public void ToCompletion_RetryWithoutAfter_IsPendingWithinBackoffBounds(int attempts, double rawSeconds)
    {
        var completion = Outcomes.ToCompletion(Job(attempts: attempts), new JobOutcome.Retry("HTTP 500"), Now);

        Assert.Equal(JobState.Pending, completion.State);
        Assert.NotNull(completion.RunAt);
        Assert.InRange(completion.RunAt.Value, Now.AddSeconds(rawSeconds * 0.8), Now.AddSeconds(rawSeconds * 1.2));
        Assert.Equal(0, completion.RefundAttempt);
    }

    [Fact]
    public void ToCompletion_RetryWithGivenJitter_UsesIt()
    {
        var completion = Outcomes.ToCompletion(Job(attempts: 2), new JobOutcome.Retry("timeout"), Now, jitter: 0);

        Assert.Equal(Now.AddSeconds(48), completion.RunAt); // 60 s × 0.8
    }

    [Fact]
    public void ToCompletion_RetryBeforeMaxAttempts_IsPending()
    {
        var completion = Outcomes.ToCompletion(Job(attempts: 9, maxAttempts: 10), new JobOutcome.Retry("HTTP 502"), Now);

        Assert.Equal(JobState.Pending, completion.State);
    }

    [Fact]
    public void ToCompletion_RetryAtMaxAttempts_IsDead()
    {
        var completion = Outcomes.ToCompletion(Job(attempts: 10, maxAttempts: 10), new JobOutcome.Retry("HTTP 502"), Now);

        Assert.Equal(JobState.Dead, completion.State);
        Assert.Equal("HTTP 502", completion.Error);
    }

    [Fact]
    public void ToCompletion_SecondUnparseable_IsPendingAndCountsTheParseFailure()
    {
        var completion = Outcomes.ToCompletion(Job(attempts: 2, parseFailures: 1), new JobOutcome.Retry("bad body", Unparseable: true), Now);

        Assert.Equal(JobState.Pending, completion.State);
        Assert.Equal(1, completion.ParseFailure);
    }

    [Fact]
    public void ToCompletion_ThirdUnparseable_IsFailed()
    {
        var completion = Outcomes.ToCompletion(Job(attempts: 3, parseFailures: 2), new JobOutcome.Retry("bad body", Unparseable: true), Now);

        Assert.Equal(JobState.Failed, completion.State);
        Assert.Equal(1, completion.ParseFailure);
        Assert.Contains("bad body", completion.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ToCompletion_OrdinaryRetryAfterTwoParseFailures_IsPending()
    {
        // Only unparseable responses count towards the limit of three.
        var completion = Outcomes.ToCompletion(Job(attempts: 3, parseFailures: 2), new JobOutcome.Retry("HTTP 500"), Now);

        Assert.Equal(JobState.Pending, completion.State);
        Assert.Equal(0, completion.ParseFailure);
    }

    [Fact]
    public void Release_IsPendingDueNowWithAttemptRefunded()
    {
        var completion = Outcomes.Release(Job(attempts: 4), Now);

        Assert.Equal(JobState.Pending, completion.State);
        Assert.Equal(Now, completion.RunAt);
        Assert.Equal(1, completion.RefundAttempt);
        Assert.Equal(42, completion.JobId);
        Assert.Equal(7, completion.LeaseToken);
    }
}
