using System.Globalization;
using Refrain.Jobs;
using Refrain.Providers.Spotify;

namespace Refrain.Listening.Enrichment;

/// <summary>
/// <c>('spotify', 'enrich_listener', 'listener:&lt;id&gt;')</c>: fills the listener's due plays whose track is already known
/// (no provider call), then fans the remaining distinct tracks out as enrich_tracks jobs of at most 50, children of the run.
/// It calls no provider itself, so it declares none and runs while Spotify is paused.
/// </summary>
public sealed class EnrichListenerHandler : IJobHandler
{
    public async Task<JobOutcome> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        if (EnrichmentArgs.Parse(context.Job.Args) is not { Listener: > 0 } args)
        {
            return new JobOutcome.Permanent("args must be {\"listener\": <id>}");
        }

        if (await context.Store.GetListenerAccountAsync(args.Listener, null, cancellationToken) is not { } accountId)
        {
            return new JobOutcome.NoData($"listener {args.Listener} no longer exists");
        }

        var filled = await context.Store.FillKnownPlaysAsync(args.Listener, cancellationToken);
        var pending = await context.Store.ListPendingTracksAsync(args.Listener, cancellationToken);

        // Key order makes the chunks, and so their subjects, the same on a second run over the same plays: a chunk still
        // queued is not queued twice.
        var jobs = pending.Chunk(EnrichmentJobs.TracksPerJob).Select(chunk => new NewJob(EnrichmentJobs.Source, EnrichmentJobs.Tracks,
            string.Create(CultureInfo.InvariantCulture, $"{args.Listener}:{chunk[0].Key}"))
        {
            Args = new EnrichmentArgs(args.Listener, chunk).ToJson(), AccountId = accountId, Provider = SpotifyClient.Provider,
        }).ToList();
        var queued = jobs.Count == 0 ? 0 : await context.EnqueueChildrenAsync(jobs, cancellationToken);
        return JobOutcome.Success(string.Create(CultureInfo.InvariantCulture,
            $"filled {filled} plays from known tracks; {pending.Count} tracks to resolve in {queued} jobs"));
    }
}
