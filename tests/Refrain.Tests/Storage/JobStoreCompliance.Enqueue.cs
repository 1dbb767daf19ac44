using Refrain.Jobs;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Storage;

public abstract partial class JobStoreCompliance
{
    [StoreFact]
    public async Task Enqueue_SameActiveKeyTwice_SecondIsNoOpThatNamesTheHolder()
    {
        var first = await Store.EnqueueAsync(Job("song:812"), CancellationToken.None);
        var second = await Store.EnqueueAsync(Job("song:812") with { Args = """{"other":true}""" }, CancellationToken.None);

        Assert.True(first.Inserted);
        Assert.True(second.AlreadyQueued);
        Assert.Equal(first.JobId, second.JobId);
        var all = await Store.ListJobsAsync(new JobFilter(), CancellationToken.None);
        Assert.Equal("{}", Assert.Single(all).Args);
    }

    [StoreFact]
    public async Task Enqueue_ConcurrentSameKey_AdmitsExactlyOne()
    {
        var other = await OpenStoreAsync();
        var attempts = Enumerable.Range(0, 40)
            .Select(i => Task.Run(() => (i % 2 == 0 ? Store : other).EnqueueAsync(Job("song:1"), CancellationToken.None)))
            .ToList();
        var results = await Task.WhenAll(attempts);

        Assert.Equal(1, results.Count(r => r.Inserted));
        Assert.Single(results.Select(r => r.JobId).Distinct());
        Assert.Single(await Store.ListJobsAsync(new JobFilter(), CancellationToken.None));
    }

    [StoreFact]
    public async Task Enqueue_KeyOfFinishedJob_AdmitsANewJob()
    {
        var first = await Store.EnqueueAsync(Job("song:2"), CancellationToken.None);
        await FinishAsync(await ClaimOneAsync(), JobOutcome.Success());

        var again = await Store.EnqueueAsync(Job("song:2"), CancellationToken.None);

        Assert.True(again.Inserted);
        Assert.NotEqual(first.JobId, again.JobId);
    }

    [StoreFact]
    public async Task Enqueue_WhileRunning_KeyStaysTaken()
    {
        await Store.EnqueueAsync(Job("song:3"), CancellationToken.None);
        await ClaimOneAsync();

        Assert.True((await Store.EnqueueAsync(Job("song:3"), CancellationToken.None)).AlreadyQueued);
    }

    [StoreFact]
    public async Task EnqueueMany_InsertsEveryRowAndSkipsActiveKeys()
    {
        await Store.EnqueueAsync(Job("s:5"), CancellationToken.None);
        var jobs = Enumerable.Range(0, 12_000).Select(i => Job($"s:{i}")).ToList();

        var inserted = await Store.EnqueueManyAsync(jobs, CancellationToken.None);

        Assert.Equal(11_999, inserted);
        var counts = await Store.CountJobsAsync(CancellationToken.None);
        Assert.Equal(12_000, Assert.Single(counts).Count);
    }

    [StoreFact]
    public async Task EnqueueMany_EmptyUniqueKey_AllowsDuplicates()
    {
        var jobs = Enumerable.Range(0, 3).Select(_ => Job("same") with { UniqueKey = "" }).ToList();

        Assert.Equal(3, await Store.EnqueueManyAsync(jobs, CancellationToken.None));
    }
}
