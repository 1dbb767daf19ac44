using Refrain.Jobs;

namespace Refrain.Listening.Sync;

/// <summary>
/// <c>('spotify', 'sync_recently_played_sweep')</c>: one sync job per active listener with tokens, enqueued in one statement
/// as children of the sweep's run. Pacing comes from the Spotify rate limit the children pass, never from sleeps.
/// </summary>
public sealed class SyncSweepHandler : IJobHandler
{
    public const string Source = "spotify";
    public const string JobType = "sync_recently_played_sweep";

    /// <summary>The run kind (and the schedule's job) of the sweep.</summary>
    public const string Kind = $"{Source}/{JobType}";

    /// <summary>The system schedule that runs the sweep.</summary>
    public const string ScheduleName = "spotify-sync-recently-played";

    public async Task<JobOutcome> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var n = await context.Store.EnqueueListenerSyncsAsync(context.Job.RunId, context.Job.AccountId, cancellationToken);
        return JobOutcome.Success($"enqueued {n} jobs");
    }
}
