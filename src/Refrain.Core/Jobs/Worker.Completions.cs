namespace Refrain.Jobs;

public sealed partial class Worker
{
    private const int MaxWriteAttempts = 5;

    /// <summary>
    /// The single writer of completions: takes whatever has accumulated (up to a batch) and commits it in one
    /// transaction, so throughput grows with load instead of paying a commit per job.
    /// </summary>
    private async Task FlushCompletionsAsync()
    {
        var reader = _completions.Reader;
        var batch = new List<Completion>(options.CompletionBatch);
        while (await reader.WaitToReadAsync())
        {
            while (batch.Count < options.CompletionBatch && reader.TryRead(out var completion))
            {
                batch.Add(completion);
            }

            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var result = await store.CompleteAsync(batch, CancellationToken.None);
                    Stats.OnCommitted(result.Committed, result.Fenced, time.GetTimestamp());
                    foreach (var job in result.Jobs)
                    {
                        metrics.OnOutcome(job.Source, job.JobType, job.State);
                    }

                    if (result.Fenced > 0)
                    {
                        WorkerLog.Fenced(logger, result.Fenced);
                    }

                    if (summaries is not null && result.EndedRuns.Count > 0)
                    {
                        await summaries.SummarizeAsync(store, result.EndedRuns, CancellationToken.None);
                    }

                    break;
                }
                catch (Exception ex)
                {
                    WorkerLog.CompleteFailed(logger, batch.Count, ex);
                    if (attempt >= MaxWriteAttempts && reader.Completion.IsCompleted)
                    {
                        // Shutting down with the database gone: the leases expire and the jobs are reclaimed elsewhere.
                        break;
                    }

                    await _completionsDrained.WaitAsync(TimeSpan.FromSeconds(Math.Min(attempt, 5)), time, CancellationToken.None);
                }
            }

            batch.Clear();
        }
    }
}
