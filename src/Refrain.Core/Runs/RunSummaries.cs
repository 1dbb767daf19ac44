using Microsoft.Extensions.Logging;
using Refrain.Storage;

namespace Refrain.Runs;

/// <summary>Stores the summary of each ended run through the summarizer of its kind.</summary>
public sealed class RunSummaries(IEnumerable<IRunSummarizer> summarizers, ILogger<RunSummaries> logger)
{
    private readonly Dictionary<string, IRunSummarizer> _byKind = summarizers.ToDictionary(s => s.Kind, StringComparer.Ordinal);

    public async Task SummarizeAsync(RefrainStore store, IReadOnlyList<long> endedRuns, CancellationToken cancellationToken)
    {
        foreach (var runId in endedRuns)
        {
            try
            {
                var run = await store.GetRunAsync(runId, cancellationToken);
                if (run is not null && _byKind.TryGetValue(run.Kind, out var summarizer))
                {
                    await store.SetRunSummaryAsync(runId, await summarizer.SummarizeAsync(store, run, cancellationToken), cancellationToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                RunsLog.SummaryFailed(logger, runId, ex);
            }
        }
    }
}
