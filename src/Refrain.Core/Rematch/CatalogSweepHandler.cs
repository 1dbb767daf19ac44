using Refrain.Jobs;
using Refrain.Matching;

namespace Refrain.Rematch;

/// <summary>
/// The catalog's other sweeps, each one set-based statement enqueueing into the sweep's run:
/// <c>('spotify', 'sweep_outdated_matches')</c>, <c>('spotify', 'sweep_stale_links')</c> and
/// <c>('musicbrainz', 'sweep_missing_durations')</c>.
/// </summary>
public sealed class CatalogSweepHandler(string jobType, MatcherOptions matcher, TimeSpan linkMaxAge) : IJobHandler
{
    public const string OutdatedMatches = "sweep_outdated_matches";
    public const string StaleLinks = "sweep_stale_links";
    public const string MissingDurations = "sweep_missing_durations";

    public async Task<JobOutcome> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var (run, account) = (context.Job.RunId, context.Job.AccountId);
        var n = jobType switch
        {
            OutdatedMatches => await context.Store.EnqueueOutdatedMatchesAsync(run, account, matcher.Version, cancellationToken),
            StaleLinks => await context.Store.EnqueueStaleLinksAsync(run, account, linkMaxAge, cancellationToken),
            MissingDurations => await context.Store.EnqueueMissingDurationsAsync(run, account, cancellationToken),
            _ => throw new InvalidOperationException($"unknown sweep {jobType}"),
        };
        return JobOutcome.Success($"enqueued {n} jobs");
    }
}
