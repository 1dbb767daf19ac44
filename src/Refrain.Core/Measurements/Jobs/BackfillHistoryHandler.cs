using Refrain.Jobs;
using Refrain.Providers;
using Refrain.Providers.Songstats;

namespace Refrain.Measurements.Jobs;

/// <summary>
/// <c>('songstats', 'backfill_history', 'recording:&lt;isrc&gt;')</c>: the recording's Spotify stream history from its release
/// date (else <c>Providers:Songstats:HistoryStart</c>) to yesterday UTC, stored as source <c>songstats</c>, then the
/// recording is marked backfilled; a 404 marks it <c>no_history</c> so no account ever pays for it again. A recording
/// already marked (another job got there first) is not fetched. Transient failures retry, a 429 or a spent cap snoozes.
/// </summary>
public sealed class BackfillHistoryHandler(SongstatsClient songstats) : IJobHandler
{
    public const string Source = "songstats";
    public const string JobType = "backfill_history";

    public async Task<JobOutcome> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var subject = context.Job.Subject;
        if (subject is null || !subject.StartsWith(MeasurementJobs.RecordingPrefix, StringComparison.Ordinal))
        {
            return new JobOutcome.Permanent($"subject '{subject}' is not recording:<isrc>");
        }

        var isrc = subject[MeasurementJobs.RecordingPrefix.Length..];
        var platform = JobArgs.Platform(context.Job.Args);
        if (await context.Store.GetBackfillAsync(isrc, platform, cancellationToken) is { } known)
        {
            return JobOutcome.Success($"already {known.State}: not fetched again");
        }

        var released = (await context.Store.GetReleaseDatesOfIsrcAsync(isrc, cancellationToken))
            .Select(MeasurementJobs.ReleaseStart).Where(d => d is not null).Min();
        var (from, to) = (songstats.HistoryStart(released), songstats.HistoryEnd());
        if (from > to)
        {
            // Not out yet (or out today): there is no finished day to fetch, and nothing to remember.
            return new JobOutcome.NoData($"released {from:yyyy-MM-dd}: no complete day of history yet");
        }

        var history = await songstats.GetHistoryAsync(ProviderCall.ForJob(context), context.Job.AccountId, isrc, from, to, cancellationToken);
        if (!history.IsOk)
        {
            if (history.Outcome is JobOutcome.NoData)
            {
                await context.Store.MarkBackfillAsync(isrc, platform, "no_history", null, cancellationToken);
            }

            return history.Outcome!;
        }

        var written = await context.Store.UpsertMeasurementsAsync(
            isrc, platform, MeasurementJobs.Streams, Source, history.Value!.Points, cancellationToken);
        await context.Store.MarkBackfillAsync(isrc, platform, "backfilled", to, cancellationToken);
        return JobOutcome.Success($"{written} days from {from:yyyy-MM-dd} to {to:yyyy-MM-dd}");
    }
}
