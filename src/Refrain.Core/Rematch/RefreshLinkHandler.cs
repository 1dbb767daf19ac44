using Refrain.Jobs;
using Refrain.Providers;
using Refrain.Providers.Spotify;

namespace Refrain.Rematch;

/// <summary><c>('spotify', 'refresh_link', 'song:&lt;id&gt;')</c>: re-reads the linked track, bypassing the cache, and stores its duration.</summary>
public sealed class RefreshLinkHandler(SpotifyClient spotify) : IJobHandler
{
    public const string Source = "spotify";
    public const string JobType = "refresh_link";

    public async Task<JobOutcome> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var (song, stop) = await SongSubject.LoadAsync(context, cancellationToken);
        if (song is null)
        {
            return stop!;
        }

        var songId = song.SongId;
        if (song.SpotifyTrackId is not { } trackId)
        {
            return new JobOutcome.NoData($"song {songId} has no Spotify link");
        }

        var read = await spotify.GetTrackAsync(ProviderCall.ForJob(context), trackId, bypassCache: true, cancellationToken);
        if (!read.IsOk)
        {
            return read.Outcome!;
        }

        await context.Store.SetTrackDurationAsync(songId, trackId, read.Value!.DurationMs, cancellationToken);
        return JobOutcome.Success($"track {trackId}: {read.Value.DurationMs} ms");
    }
}
