namespace Refrain.Storage;

/// <summary>The other catalog sweeps: each one set-based statement, the same text on both dialects.</summary>
internal static class SweepSql
{
    private const string InsertJob = """
        INSERT INTO jobs (account_id, source, job_type, subject, unique_key, args, provider, state, priority, max_attempts, run_at, created_at, run_id)
        """;

    private const string Tail = "ON CONFLICT (unique_key) WHERE state IN ('pending', 'running') DO NOTHING";

    /// <summary>Re-match jobs for links the matcher decided under another matcher version.</summary>
    public const string OutdatedMatches = $$"""
        {{InsertJob}}
        SELECT s.account_id, 'spotify', 'rematch_duration_mismatches', 'song:' || s.id, 'spotify:rematch_duration_mismatches:song:' || s.id,
               '{"reason":"outdated_matcher"}', 'spotify', 'pending', 0, 10, @now, @now, @run
        FROM songs s JOIN links l ON l.song_id = s.id
        WHERE l.decided_by = 'matcher' AND (l.matcher_version IS NULL OR l.matcher_version <> @version)
          AND (@account IS NULL OR s.account_id = @account)
        {{Tail}}
        """;

    /// <summary>Refresh jobs for links whose track was last read before <c>@before</c> (or never).</summary>
    public const string StaleLinks = $$"""
        {{InsertJob}}
        SELECT s.account_id, 'spotify', 'refresh_link', 'song:' || s.id, 'spotify:refresh_link:song:' || s.id, '{}', 'spotify', 'pending', 0, 10, @now, @now, @run
        FROM songs s JOIN links l ON l.song_id = s.id
        WHERE l.spotify_track_id IS NOT NULL AND (l.checked_at IS NULL OR l.checked_at < @before)
          AND (@account IS NULL OR s.account_id = @account)
        {{Tail}}
        """;

    /// <summary>MusicBrainz refresh jobs for songs without a canonical duration that MusicBrainz could know.</summary>
    public const string MissingDurations = $$"""
        {{InsertJob}}
        SELECT s.account_id, 'musicbrainz', 'refresh_recording', 'song:' || s.id, 'musicbrainz:refresh_recording:song:' || s.id, '{}', 'musicbrainz',
               'pending', 0, 10, @now, @now, @run
        FROM songs s
        WHERE s.duration_ms IS NULL AND (s.isrc IS NOT NULL OR s.musicbrainz_recording_id IS NOT NULL)
          AND (@account IS NULL OR s.account_id = @account)
        {{Tail}}
        """;
}
