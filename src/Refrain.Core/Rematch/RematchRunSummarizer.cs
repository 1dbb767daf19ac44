using System.Text.Json;
using Refrain.Jobs;
using Refrain.Runs;
using Refrain.Storage;

namespace Refrain.Rematch;

/// <summary>A duration sweep's summary: how many songs ended in each case, and how many jobs failed.</summary>
public sealed class RematchRunSummarizer : IRunSummarizer
{
    public string Kind => $"{DurationMismatchSweepHandler.Source}/{DurationMismatchSweepHandler.JobType}";

    public async Task<string> SummarizeAsync(RefrainStore store, RunRecord run, CancellationToken cancellationToken)
    {
        var counts = await store.CountChildDetailsAsync(run.Id, RematchJob.JobType, cancellationToken);
        var cases = RematchCase.All.ToDictionary(c => c, c => counts.Where(x => x.State == JobState.Succeeded && x.Detail == c).Sum(x => x.Count));
        var failed = counts.Where(x => x.State is JobState.Failed or JobState.Dead).Sum(x => x.Count);
        var text = string.Join(", ", cases.Where(c => c.Value > 0 || c.Key != RematchCase.SkippedReviewer)
            .Select(c => $"{c.Key.Replace('_', ' ')} {c.Value}")) + $", failed {failed}";
        var summary = new Dictionary<string, object>(cases.ToDictionary(c => c.Key, c => (object)c.Value)) { ["failed"] = failed, ["text"] = text };
        return JsonSerializer.Serialize(summary);
    }
}
