using Refrain.Jobs;
using Refrain.Providers;
using Refrain.Providers.Snapshot;

namespace Refrain.Measurements.Jobs;

/// <summary>
/// <c>('snapshot', 'album_playcounts', 'album:&lt;spotify album id&gt;')</c>: today's play count of every track of the album,
/// stored as source <c>snapshot</c> under each track's recording (its ISRC, else <c>spotify:&lt;track id&gt;</c>), in one
/// statement. Re-running on the same day replaces the day's values.
/// </summary>
public sealed class AlbumPlaycountsHandler(SnapshotClient snapshot) : IJobHandler
{
    public const string Source = "snapshot";
    public const string JobType = "album_playcounts";

    public async Task<JobOutcome> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var subject = context.Job.Subject;
        if (subject is null || !subject.StartsWith(MeasurementJobs.AlbumPrefix, StringComparison.Ordinal))
        {
            return new JobOutcome.Permanent($"subject '{subject}' is not album:<spotify album id>");
        }

        var album = subject[MeasurementJobs.AlbumPrefix.Length..];
        var counts = await snapshot.GetAlbumPlaycountsAsync(ProviderCall.ForJob(context), context.Job.AccountId, album, cancellationToken);
        if (!counts.IsOk)
        {
            return counts.Outcome!;
        }

        var today = DateOnly.FromDateTime(context.Time.GetUtcNow().UtcDateTime);
        var totals = counts.Value!.Tracks
            .Select(t => (Recording: string.IsNullOrWhiteSpace(t.Isrc) ? $"spotify:{t.SpotifyTrackId}" : t.Isrc.Trim().ToUpperInvariant(), Total: t.Playcount))
            .ToList();
        var written = await context.Store.UpsertDayTotalsAsync(
            JobArgs.Platform(context.Job.Args), MeasurementJobs.Streams, Source, today, totals, cancellationToken);
        return JobOutcome.Success($"{written} tracks on {today:yyyy-MM-dd}");
    }
}
