using Dapper;
using Refrain.Rematch;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    private const string SongLinkSelect = """
        SELECT s.id AS song_id, s.account_id, s.title, s.artists, a.title AS album, s.isrc, s.duration_ms, s.musicbrainz_recording_id,
               l.spotify_track_id, l.track_duration_ms, l.state, l.review_reason, l.decided_by, l.score, l.breakdown, l.candidates, l.matcher_version
        FROM songs s LEFT JOIN albums a ON a.id = s.album_id LEFT JOIN links l ON l.song_id = s.id
        """;

    /// <summary>A song with its link; null when unknown (or, with <paramref name="accountId"/>, another account's).</summary>
    public Task<SongLink?> GetSongLinkAsync(long songId, long? accountId, CancellationToken cancellationToken) =>
        ReadAsync(c => c.QuerySingleOrDefaultAsync<SongLink>(Command(
            $"{SongLinkSelect} WHERE s.id = @songId AND (@accountId IS NULL OR s.account_id = @accountId)", new { songId, accountId }, null, cancellationToken)), cancellationToken);

    /// <summary>Songs waiting for a human (link state <c>review</c>), oldest song first.</summary>
    public async Task<IReadOnlyList<SongLink>> ListReviewsAsync(long? accountId, int limit, CancellationToken cancellationToken) =>
        (await ReadAsync(c => c.QueryAsync<SongLink>(Command(
            $"{SongLinkSelect} WHERE l.state = 'review' AND (@accountId IS NULL OR s.account_id = @accountId) ORDER BY s.id LIMIT @limit",
            new { accountId, limit }, null, cancellationToken)), cancellationToken)).ToList();

    /// <summary>
    /// Writes a link decision and its history row. A matcher's change never lands on a reviewer's decision; returns false
    /// when it was refused for that reason.
    /// </summary>
    public Task<bool> ApplyLinkChangeAsync(LinkChange change, CancellationToken cancellationToken) =>
        WriteAsync(async (c, tx) =>
        {
            var now = NowMs;
            var before = await c.QuerySingleOrDefaultAsync<(string? TrackId, string? State, string? DecidedBy, string? Reason)>(Command(
                "SELECT spotify_track_id, state, decided_by, review_reason FROM links WHERE song_id = @SongId", change, tx, cancellationToken));
            if (change.DecidedBy != "reviewer" && before.DecidedBy == "reviewer")
            {
                return false;
            }

            var args = new
            {
                songId = change.SongId, trackId = change.TrackId, trackDuration = change.TrackDurationMs, state = change.State,
                reason = change.State == "review" ? change.Reason : null,
                decidedBy = change.DecidedBy, score = change.Score, breakdown = change.Breakdown, candidates = change.Candidates,
                version = change.MatcherVersion, now, jobId = change.JobId,
            };
            await c.ExecuteAsync(Command("""
                INSERT INTO links (song_id, spotify_track_id, track_duration_ms, state, review_reason, score, breakdown, candidates,
                                   matcher_version, decided_by, checked_at, created_at, updated_at)
                VALUES (@songId, @trackId, @trackDuration, @state, @reason, @score, @breakdown, @candidates, @version, @decidedBy, @now, @now, @now)
                ON CONFLICT (song_id) DO UPDATE SET
                    spotify_track_id = excluded.spotify_track_id, track_duration_ms = excluded.track_duration_ms, state = excluded.state,
                    review_reason = excluded.review_reason, score = COALESCE(excluded.score, links.score),
                    breakdown = COALESCE(excluded.breakdown, links.breakdown), candidates = COALESCE(excluded.candidates, links.candidates),
                    matcher_version = COALESCE(excluded.matcher_version, links.matcher_version), decided_by = excluded.decided_by,
                    checked_at = excluded.checked_at, updated_at = excluded.updated_at
                """, args, tx, cancellationToken));
            var reason = change.State == "review" ? change.Reason : null;
            if (before.TrackId != change.TrackId || before.State != change.State || before.Reason != reason)
            {
                await c.ExecuteAsync(Command("""
                    INSERT INTO link_history (song_id, old_track_id, new_track_id, old_state, new_state, decided_by, reason, job_id, at)
                    VALUES (@songId, @oldTrack, @trackId, @oldState, @state, @decidedBy, @reason, @jobId, @now)
                    """, new { args.songId, oldTrack = before.TrackId, args.trackId, oldState = before.State, args.state, args.decidedBy, reason = change.Reason, args.jobId, now }, tx, cancellationToken));
            }

            return true;
        }, cancellationToken);

    /// <summary>Records a fresh read of the linked track's duration (no history: the link itself did not change).</summary>
    public Task<int> SetTrackDurationAsync(long songId, string trackId, long durationMs, CancellationToken cancellationToken) =>
        WriteAsync((c, tx) => c.ExecuteAsync(Command(
            "UPDATE links SET track_duration_ms = @durationMs, checked_at = @now, updated_at = @now WHERE song_id = @songId AND spotify_track_id = @trackId",
            new { songId, trackId, durationMs, now = NowMs }, tx, cancellationToken)), cancellationToken);

    /// <summary>Sets a song's canonical duration from MusicBrainz unless a reviewer or the import set one.</summary>
    public Task<int> SetCanonicalDurationAsync(long songId, long? durationMs, string? recordingId, CancellationToken cancellationToken) =>
        WriteAsync((c, tx) => c.ExecuteAsync(Command("""
            UPDATE songs SET duration_ms = COALESCE(@durationMs, duration_ms),
                             duration_source = CASE WHEN @durationMs IS NULL THEN duration_source ELSE 'musicbrainz' END,
                             musicbrainz_recording_id = COALESCE(musicbrainz_recording_id, @recordingId), updated_at = @now
            WHERE id = @songId AND (duration_source IS NULL OR duration_source = 'musicbrainz')
            """, new { songId, durationMs, recordingId, now = NowMs }, tx, cancellationToken)), cancellationToken);
}
