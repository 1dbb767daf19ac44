using System.Net;
using Refrain.Jobs;
using Refrain.Providers;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Storage;

public abstract partial class JobStoreCompliance
{
    [StoreFact]
    public async Task Outcome_Succeeded_IsTerminalWithDetail()
    {
        var id = (await Store.EnqueueAsync(Job("a"), CancellationToken.None)).JobId;
        var result = await FinishAsync(await ClaimOneAsync(), JobOutcome.Success("linked"));

        var job = await ReloadAsync(id);
        Assert.Equal(1, result.Committed);
        Assert.Equal(JobState.Succeeded, job.State);
        Assert.Equal("linked", job.Detail);
        Assert.Equal(Time.GetUtcNow(), job.FinishedAt);
        Assert.Null(job.LeaseToken);
    }

    [StoreFact]
    public async Task Outcome_NoData_IsTerminalAndNotAnError()
    {
        var id = (await Store.EnqueueAsync(Job("a"), CancellationToken.None)).JobId;
        await FinishAsync(await ClaimOneAsync(), new JobOutcome.NoData("HTTP 404"));

        var job = await ReloadAsync(id);
        Assert.Equal(JobState.NoData, job.State);
        Assert.Null(job.LastError);
    }

    [StoreFact]
    public async Task Outcome_Permanent_FailsWithTheError()
    {
        var id = (await Store.EnqueueAsync(Job("a"), CancellationToken.None)).JobId;
        await FinishAsync(await ClaimOneAsync(), new JobOutcome.Permanent("HTTP 400"));

        var job = await ReloadAsync(id);
        Assert.Equal(JobState.Failed, job.State);
        Assert.Equal("HTTP 400", job.LastError);
    }

    [StoreFact]
    public async Task Outcome_Retry_ReturnsToQueueAfterBackoffWithTheAttemptSpent()
    {
        var id = (await Store.EnqueueAsync(Job("a"), CancellationToken.None)).JobId;
        var now = Time.GetUtcNow();
        await Store.CompleteAsync([Outcomes.ToCompletion(await ClaimOneAsync(), new JobOutcome.Retry("HTTP 503"), now)], CancellationToken.None);

        var job = await ReloadAsync(id);
        Assert.Equal(JobState.Pending, job.State);
        Assert.Equal(1, job.Attempts);
        Assert.Equal("HTTP 503", job.LastError);
        // First retry: 30 s × uniform(0.8, 1.2).
        Assert.InRange(job.RunAt, now.AddSeconds(24), now.AddSeconds(36));
        Assert.Empty(await ClaimAsync());
        Time.Advance(TimeSpan.FromSeconds(36));
        Assert.Equal(2, (await ClaimOneAsync()).Attempts);
    }

    [StoreFact]
    public async Task Outcome_Snooze_WaitsWithoutSpendingAnAttempt()
    {
        var id = (await Store.EnqueueAsync(Job("a"), CancellationToken.None)).JobId;
        var until = Time.GetUtcNow().AddMinutes(10);
        await FinishAsync(await ClaimOneAsync(), new JobOutcome.Snooze(until, PauseReason.Rate));

        var job = await ReloadAsync(id);
        Assert.Equal(JobState.Pending, job.State);
        Assert.Equal(0, job.Attempts);
        Assert.Equal(until, job.RunAt);
        Assert.Contains("rate", job.Reason, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Outcome_RetryOnLastAttempt_IsDeadAndKept()
    {
        var id = (await Store.EnqueueAsync(Job("a") with { MaxAttempts = 3 }, CancellationToken.None)).JobId;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await FinishAsync(await ClaimOneAsync(), new JobOutcome.Retry("HTTP 500", TimeSpan.FromSeconds(1)));
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        var job = await ReloadAsync(id);
        Assert.Equal(JobState.Dead, job.State);
        Assert.Equal(3, job.Attempts);
        Assert.Empty(await ClaimAsync());
    }

    [StoreFact]
    public async Task Outcome_ThirdUnparseableResponse_FailsPermanently()
    {
        var id = (await Store.EnqueueAsync(Job("a"), CancellationToken.None)).JobId;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await FinishAsync(await ClaimOneAsync(), new JobOutcome.Retry("bad json", TimeSpan.FromSeconds(1), Unparseable: true));
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        var job = await ReloadAsync(id);
        Assert.Equal(JobState.Failed, job.State);
        Assert.Equal(3, job.ParseFailures);
    }

    [StoreFact]
    public async Task TooManyRequests_WithRetryAfterSeconds_PausesProviderAndSnoozesWithoutAttempt()
    {
        var id = (await Store.EnqueueAsync(Job("a", provider: "fake"), CancellationToken.None)).JobId;
        await Store.EnqueueAsync(Job("b", provider: "fake"), CancellationToken.None);
        var job = await ClaimOneAsync();
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("retry-after", "120");

        var outcome = await Context(job).ClassifyAsync(response, CancellationToken.None);
        await FinishAsync(job, outcome!);

        var snoozed = await ReloadAsync(id);
        Assert.Equal(Time.GetUtcNow().AddSeconds(120), snoozed.RunAt);
        Assert.Equal(0, snoozed.Attempts);
        var pause = await Store.GetProviderPauseAsync("fake", CancellationToken.None);
        Assert.Equal(Time.GetUtcNow().AddSeconds(120), pause!.PausedUntil);
        Assert.Equal(PauseReason.Rate, pause.Reason);
        Assert.Empty(await ClaimAsync());
    }

    [StoreFact]
    public async Task TooManyRequests_WithRetryAfterDateAndQuotaBody_PausesForQuotaUntilThatDate()
    {
        await Store.EnqueueAsync(Job("a", provider: "fake"), CancellationToken.None);
        var job = await ClaimOneAsync();
        var until = Time.GetUtcNow().AddHours(3);
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
        {
            Content = new StringContent("""{"error":{"status":429,"message":"API rate limit exceeded","reason":"QUOTA_EXCEEDED"}}"""),
        };
        response.Headers.TryAddWithoutValidation("RETRY-AFTER", until.ToString("r", System.Globalization.CultureInfo.InvariantCulture));

        var outcome = Assert.IsType<JobOutcome.Snooze>(await Context(job).ClassifyAsync(response, CancellationToken.None));

        Assert.Equal(until, outcome.Until);
        Assert.Equal(PauseReason.Quota, outcome.Reason);
        Assert.Equal(PauseReason.Quota, (await Store.GetProviderPauseAsync("fake", CancellationToken.None))!.Reason);
    }

    [StoreFact]
    public async Task ServerError_WithRetryAfter_RetriesAtThatTime()
    {
        await Store.EnqueueAsync(Job("a", provider: "fake"), CancellationToken.None);
        var job = await ClaimOneAsync();
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.TryAddWithoutValidation("Retry-After", "7");

        var outcome = Assert.IsType<JobOutcome.Retry>(await Context(job).ClassifyAsync(response, CancellationToken.None));
        await FinishAsync(job, outcome);

        Assert.Equal(Time.GetUtcNow().AddSeconds(7), (await ReloadAsync(job.Id)).RunAt);
        Assert.Null(await Store.GetProviderPauseAsync("fake", CancellationToken.None));
    }

    private JobContext Context(JobRecord job) =>
        new(job, EmptyServices.Instance, Store, new ProviderGate(Store, new Dictionary<string, ProviderOptions>(), Time), Time);
}
