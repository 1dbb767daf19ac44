using Refrain.Jobs;
using Refrain.Providers;
using Refrain.Providers.MusicBrainz;

namespace Refrain.Rematch;

/// <summary>
/// <c>('musicbrainz', 'refresh_recording', 'song:&lt;id&gt;')</c>: the song's canonical duration from MusicBrainz, by MBID or
/// else by ISRC (several recordings: the median when they agree within 3 s, otherwise unknown).
/// </summary>
public sealed class RefreshRecordingHandler(MusicBrainzClient musicBrainz) : IJobHandler
{
    public const string Source = "musicbrainz";
    public const string JobType = "refresh_recording";

    public async Task<JobOutcome> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var (song, stop) = await SongSubject.LoadAsync(context, cancellationToken);
        if (song is null)
        {
            return stop!;
        }

        var songId = song.SongId;

        var call = ProviderCall.ForJob(context);
        IReadOnlyList<MusicBrainzRecording> recordings;
        if (song.MusicbrainzRecordingId is { } mbid)
        {
            var one = await musicBrainz.GetByMbidAsync(call, mbid, cancellationToken);
            if (!one.IsOk)
            {
                return one.Outcome!;
            }

            recordings = [one.Value!];
        }
        else if (song.Isrc is { } isrc)
        {
            var many = await musicBrainz.GetByIsrcAsync(call, isrc, cancellationToken);
            if (!many.IsOk)
            {
                return many.Outcome!;
            }

            recordings = many.Value!;
        }
        else
        {
            return new JobOutcome.NoData("song has neither a MusicBrainz id nor an ISRC");
        }

        var duration = MusicBrainzClient.CanonicalDurationMs(recordings);
        var recordingId = recordings.Count == 1 ? recordings[0].Id : null;
        await context.Store.SetCanonicalDurationAsync(songId, duration, recordingId, cancellationToken);
        return duration is { } ms
            ? JobOutcome.Success($"canonical duration {ms} ms from {recordings.Count} recording(s)")
            : new JobOutcome.NoData($"no agreed length among {recordings.Count} recording(s)");
    }
}
