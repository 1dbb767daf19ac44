using System.Threading.Channels;

namespace Refrain.Jobs;

public sealed partial class Worker
{
    /// <summary>One pool: a claim loop keeping up to a claim batch in hand, and its slots executing the jobs.</summary>
    private sealed class Pool(Worker worker, string name, int slots, IReadOnlyList<string>? sources, IReadOnlyList<string> excluded)
    {
        private readonly Channel<JobRecord> _queue = Channel.CreateUnbounded<JobRecord>();
        private readonly Signal _needMore = new();
        private int _inHand;
        private long _finished;

        public async Task RunAsync(CancellationToken stopping, CancellationToken hardStop)
        {
            var batch = worker.options.ClaimBatchFor(slots);
            var refill = Math.Max(1, batch / 2);
            var slotTasks = Enumerable.Range(0, slots).Select(_ => Task.Run(() => SlotAsync(stopping, hardStop, refill), CancellationToken.None)).ToList();
            var request = new ClaimRequest(worker.WorkerId, batch, worker.options.Lease, sources, sources is null ? excluded : []);
            var grantedAtStart = sources is [var provider] ? worker.gate.Granted(provider) : 0;
            var declared = sources is [var named]
                ? worker.registry.All.Where(r => r.Provider == named).Select(r => r.RequestsPerJob).DefaultIfEmpty(1).Max()
                : 1;
            while (!stopping.IsCancellationRequested)
            {
                var want = batch - Volatile.Read(ref _inHand);
                if (want < refill)
                {
                    await _needMore.WaitAsync(worker.options.PollInterval, worker.time, stopping);
                    continue;
                }

                IReadOnlyList<JobRecord> jobs;
                try
                {
                    // A pool named after a rate-limited provider claims no more jobs than the requests it could make now
                    // allow, less the jobs it already holds, so a batch does not sit on leases waiting for tokens and a
                    // job does not run out of tokens half-way (it would snooze and repeat its first requests).
                    if (sources is [var only] && worker.gate.Providers.TryGetValue(only, out var limits) && limits.RequestsPerWindow > 0)
                    {
                        // Read what is held before counting the window: a held job that then spends its token is counted
                        // twice (we claim less), never zero times (we would claim more than the tokens allow).
                        var held = Volatile.Read(ref _inHand);
                        var inSight = await worker.gate.AvailableAsync(only, stopping);
                        var perJob = ClaimBudget.RequestsPerJob(declared, worker.gate.Granted(only) - grantedAtStart, Volatile.Read(ref _finished));
                        want = ClaimBudget.Jobs(want, inSight, held, perJob);
                        if (want == 0)
                        {
                            await _needMore.WaitAsync(worker.options.PollInterval, worker.time, stopping);
                            continue;
                        }
                    }

                    jobs = await worker.store.ClaimAsync(request with { Count = want, OffProviders = worker.gate.Off.Keys.ToList() }, stopping);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    WorkerLog.ClaimFailed(worker.logger, name, ex);
                    await _needMore.WaitAsync(worker.options.PollInterval, worker.time, stopping);
                    continue;
                }

                if (jobs.Count == 0)
                {
                    await _needMore.WaitAsync(worker.options.PollInterval, worker.time, stopping);
                    continue;
                }

                Interlocked.Add(ref _inHand, jobs.Count);
                Interlocked.Add(ref worker._running, jobs.Count);
                worker.Stats.OnClaimed(jobs.Count, worker.time.GetTimestamp());
                worker.metrics.OnClaimed(jobs.Count);
                foreach (var job in jobs)
                {
                    _queue.Writer.TryWrite(job);
                }
            }

            _queue.Writer.TryComplete();
            await Task.WhenAll(slotTasks);
        }

        private async Task SlotAsync(CancellationToken stopping, CancellationToken hardStop, int refill)
        {
            await foreach (var job in _queue.Reader.ReadAllAsync(CancellationToken.None))
            {
                var completion = stopping.IsCancellationRequested
                    ? Outcomes.Release(job, worker.time.GetUtcNow())
                    : await worker.ExecuteAsync(job, hardStop);
                worker.Complete(completion);
                Interlocked.Increment(ref _finished);
                Interlocked.Decrement(ref worker._running);
                if (Interlocked.Decrement(ref _inHand) <= refill)
                {
                    _needMore.Set();
                }
            }
        }
    }
}
