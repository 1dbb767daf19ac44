using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Refrain.Jobs;
using Refrain.Runs;
using Refrain.Storage;

namespace Refrain.Listening.Enrichment;

/// <summary>
/// An enrichment run's summary (a listener's run or the schedule's sweep): tracks resolved and unresolved, plays enriched
/// or marked unresolved by the track jobs, plays filled from already known tracks (enriched or marked) by the listener
/// jobs, provider calls made, and jobs failed. Read from the details the jobs end with.
/// </summary>
public sealed partial class EnrichmentRunSummarizer(string kind) : IRunSummarizer
{
    public string Kind { get; } = kind;

    public async Task<string> SummarizeAsync(RefrainStore store, RunRecord run, CancellationToken cancellationToken)
    {
        var tracks = await store.CountChildDetailsAsync(run.Id, EnrichmentJobs.Tracks, cancellationToken);
        var listeners = await store.CountChildDetailsAsync(run.Id, EnrichmentJobs.Listener, cancellationToken);
        long resolved = 0, unresolved = 0, plays = 0, marked = 0, calls = 0, filled = 0;
        foreach (var (detail, state, count) in tracks.Where(t => t.State == JobState.Succeeded))
        {
            if (detail is not null && TracksDetail().Match(detail) is { Success: true } m)
            {
                resolved += count * Number(m, "resolved");
                unresolved += count * Number(m, "unresolved");
                plays += count * Number(m, "plays");
                marked += count * Number(m, "marked");
                calls += count * Number(m, "calls");
            }
        }

        foreach (var (detail, _, count) in listeners.Where(l => l.State == JobState.Succeeded))
        {
            if (detail is not null && FilledDetail().Match(detail) is { Success: true } m)
            {
                filled += count * Number(m, "filled");
            }
        }

        var failed = tracks.Concat(listeners).Where(x => x.State is JobState.Failed or JobState.Dead).Sum(x => x.Count);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"tracks resolved {resolved}, unresolved {unresolved}, plays enriched {plays}, plays unresolved {marked}, "
            + $"plays filled from known tracks {filled}, calls {calls}, failed {failed}");
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["tracks_resolved"] = resolved, ["tracks_unresolved"] = unresolved, ["plays_enriched"] = plays, ["plays_unresolved"] = marked,
            ["plays_from_known"] = filled,
            ["calls"] = calls, ["failed"] = failed, ["text"] = text,
        });
    }

    private static long Number(Match m, string group) => long.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^resolved (?<resolved>\d+), unresolved (?<unresolved>\d+), plays enriched (?<plays>\d+), plays unresolved (?<marked>\d+), calls (?<calls>\d+)$")]
    private static partial Regex TracksDetail();

    [GeneratedRegex(@"^filled (?<filled>\d+) plays")]
    private static partial Regex FilledDetail();
}
