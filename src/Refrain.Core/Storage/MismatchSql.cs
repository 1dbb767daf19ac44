namespace Refrain.Storage;

/// <summary>The duration-mismatch selection, the same text on both dialects.</summary>
internal static class MismatchSql
{
    /// <summary>
    /// Songs whose linked track's duration differs from the canonical one by more than <c>@thresholdMs</c> (both known),
    /// except reviewer decisions and songs with an active re-match job.
    /// </summary>
    public const string Eligible = """
        FROM songs s JOIN links l ON l.song_id = s.id
        WHERE s.duration_ms IS NOT NULL AND l.track_duration_ms IS NOT NULL AND l.spotify_track_id IS NOT NULL
          AND l.decided_by <> 'reviewer'
          AND (s.duration_ms - l.track_duration_ms > @thresholdMs OR l.track_duration_ms - s.duration_ms > @thresholdMs)
          AND (@account IS NULL OR s.account_id = @account)
          AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.unique_key = 'spotify:rematch_duration_mismatches:song:' || s.id
                          AND j.state IN ('pending', 'running'))
        """;

    public const string Enqueue = $"""
        INSERT INTO jobs (account_id, source, job_type, subject, unique_key, args, provider, state, priority, max_attempts, run_at, created_at, run_id)
        SELECT s.account_id, 'spotify', 'rematch_duration_mismatches', 'song:' || s.id, 'spotify:rematch_duration_mismatches:song:' || s.id,
               @args, 'spotify', 'pending', 0, 10, @now, @now, @run
        {Eligible}
        ON CONFLICT (unique_key) WHERE state IN ('pending', 'running') DO NOTHING
        """;

    public const string Count = $"SELECT COUNT(*) {Eligible}";

    public const string Sample = $"""
        SELECT s.id AS song_id, s.title, s.artists, s.duration_ms, l.spotify_track_id, l.track_duration_ms
        {Eligible}
        ORDER BY s.id LIMIT @limit
        """;
}
