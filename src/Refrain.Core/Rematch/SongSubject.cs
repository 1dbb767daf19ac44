using System.Globalization;
using Refrain.Jobs;

namespace Refrain.Rematch;

/// <summary>The song a per-song job (<c>song:&lt;id&gt;</c>) is about, loaded with its link.</summary>
internal static class SongSubject
{
    /// <summary>The song, or the outcome to end the job with (a malformed subject, or a song that no longer exists).</summary>
    public static async Task<(SongLink? Song, JobOutcome? Stop)> LoadAsync(JobContext context, CancellationToken cancellationToken)
    {
        if (!TryParse(context.Job.Subject, out var songId))
        {
            return (null, new JobOutcome.Permanent($"subject '{context.Job.Subject}' is not song:<id>"));
        }

        var song = await context.Store.GetSongLinkAsync(songId, null, cancellationToken);
        return song is null ? (null, new JobOutcome.NoData($"song {songId} no longer exists")) : (song, null);
    }

    public static bool TryParse(string? subject, out long songId)
    {
        songId = 0;
        return subject is not null && subject.StartsWith("song:", StringComparison.Ordinal)
            && long.TryParse(subject.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out songId);
    }
}
