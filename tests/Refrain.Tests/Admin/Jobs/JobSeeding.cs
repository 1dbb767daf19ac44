using Refrain.Jobs;
using Refrain.Storage;

namespace Refrain.Tests.Admin.Jobs;

/// <summary>Puts jobs into the states the dashboard tests need, through the store's own enqueue, claim and complete.</summary>
internal static class JobSeeding
{
    public static async Task<long> EnqueueAsync(RefrainStore store, string source, string jobType, string subject,
        long? accountId = null, string args = "{}", long? runId = null) =>
        (await store.EnqueueAsync(new NewJob(source, jobType, subject) { AccountId = accountId, Args = args, UniqueKey = "", MaxAttempts = 1, RunId = runId },
            CancellationToken.None)).JobId;

    /// <summary>
    /// Claims every due job and completes each with the outcome given for its id: a <see cref="JobOutcome.Retry"/> on a job
    /// of one attempt makes it dead, <see cref="JobOutcome.Permanent"/> failed. Every due job must have an outcome.
    /// </summary>
    public static async Task FinishAsync(RefrainStore store, DateTimeOffset now, IReadOnlyDictionary<long, JobOutcome> outcomes)
    {
        var claimed = await store.ClaimAsync(new ClaimRequest("test-worker", 1000, TimeSpan.FromMinutes(5), null, []), CancellationToken.None);
        Assert.Equal(outcomes.Keys.Order(), claimed.Select(j => j.Id).Order());
        await store.CompleteAsync(claimed.Select(j => Outcomes.ToCompletion(j, outcomes[j.Id], now)).ToList(), CancellationToken.None);
    }
}
