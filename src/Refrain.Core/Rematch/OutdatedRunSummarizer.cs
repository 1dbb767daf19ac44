using System.Text.Json;
using Refrain.Jobs;
using Refrain.Runs;
using Refrain.Storage;

namespace Refrain.Rematch;

/// <summary>A matcher-version re-evaluation's summary: the cases, and how many links' outcomes changed.</summary>
public sealed class OutdatedRunSummarizer : IRunSummarizer
{
    public string Kind => $"{RematchJob.Source}/{CatalogSweepHandler.OutdatedMatches}";

    public async Task<string> SummarizeAsync(RefrainStore store, RunRecord run, CancellationToken cancellationToken)
    {
        var counts = await store.CountChildDetailsAsync(run.Id, RematchJob.JobType, cancellationToken);
        var changed = await store.CountLinkChangesOfRunAsync(run.Id, cancellationToken);
        var evaluated = counts.Where(c => c.State == JobState.Succeeded).Sum(c => c.Count);
        var failed = counts.Where(c => c.State is JobState.Failed or JobState.Dead).Sum(c => c.Count);
        return JsonSerializer.Serialize(new
        {
            re_evaluated = evaluated, changed, failed,
            text = $"re-evaluated {evaluated}, outcomes changed {changed}, failed {failed}",
        });
    }
}
