using Dapper;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>
    /// The dashboard's duration-mismatch review items by song id after <paramref name="afterSongId"/>: open ones (link state
    /// <c>review</c>), or with <paramref name="resolved"/> those a reviewer decided, each with the reviewer's resolution and
    /// the reason it had waited for. <paramref name="reason"/> filters by that review reason, <paramref name="catalogId"/> by
    /// catalog. Walks the links' song id index; the two history look-ups per row use <c>link_history_song</c>.
    /// </summary>
    public async Task<IReadOnlyList<ReviewItem>> ListReviewItemsAsync(
        long? accountId, long? catalogId, string? reason, bool resolved, long? afterSongId, int limit, CancellationToken cancellationToken)
    {
        // Composed text rather than "@x IS NULL OR ...": PostgreSQL cannot type a parameter that is only ever null.
        var where = resolved ? "l.decided_by = 'reviewer'" : "l.state = 'review'";
        where += accountId is null ? "" : " AND s.account_id = @accountId";
        where += catalogId is null ? "" : " AND s.catalog_id = @catalogId";
        where += afterSongId is null ? "" : " AND l.song_id > @afterSongId";
        where += reason is null ? ""
            : resolved ? " AND EXISTS (SELECT 1 FROM link_history h WHERE h.song_id = l.song_id AND h.new_state = 'review' AND h.reason = @reason)"
            : " AND l.review_reason = @reason";
        var sql = $"""
            {ReviewItemSelect(evidence: false)}
            WHERE {where}
            ORDER BY l.song_id LIMIT @limit
            """;
        return (await ReadAsync(c => c.QueryAsync<ReviewItem>(Command(sql,
            new { accountId, catalogId, reason, afterSongId, limit }, null, cancellationToken)), cancellationToken)).ToList();
    }

    /// <summary>One song's review item with the matcher's evidence; null when the song is unknown or has no link.</summary>
    public Task<ReviewItem?> GetReviewItemAsync(long songId, CancellationToken cancellationToken) =>
        ReadAsync(c => c.QuerySingleOrDefaultAsync<ReviewItem>(Command(
            $"{ReviewItemSelect(evidence: true)} WHERE l.song_id = @songId",
            new { songId }, null, cancellationToken)), cancellationToken);

    /// <summary>The review item columns; the evidence (breakdown, candidates) only when one item is shown, as lists never render it.</summary>
    private static string ReviewItemSelect(bool evidence) => $"""
        SELECT s.id AS song_id, s.account_id, s.catalog_id, c.name AS catalog_name, s.title, s.artists, s.isrc, s.duration_ms,
               l.spotify_track_id, l.track_duration_ms, l.state, l.review_reason, l.decided_by, l.score, l.matcher_version, l.updated_at,
               {(evidence ? "l.breakdown, l.candidates" : "NULL AS breakdown, NULL AS candidates")},
               (SELECT h.reason FROM link_history h WHERE h.song_id = l.song_id AND h.new_state = 'review' ORDER BY h.id DESC LIMIT 1) AS waited_for,
               (SELECT h.reason FROM link_history h WHERE h.song_id = l.song_id AND h.decided_by = 'reviewer' ORDER BY h.id DESC LIMIT 1) AS resolution
        FROM links l JOIN songs s ON s.id = l.song_id JOIN catalogs c ON c.id = s.catalog_id
        """;

    /// <summary>A song's link as a review item: durations, the reason it waits (or waited), and a reviewer's resolution.</summary>
    public sealed class ReviewItem
    {
        public long SongId { get; set; }
        public long AccountId { get; set; }
        public long CatalogId { get; set; }
        public string CatalogName { get; set; } = "";
        public string Title { get; set; } = "";

        /// <summary>JSON array of names, as stored.</summary>
        public string Artists { get; set; } = "[]";

        public string? Isrc { get; set; }
        public long? DurationMs { get; set; }
        public string? SpotifyTrackId { get; set; }
        public long? TrackDurationMs { get; set; }
        public string State { get; set; } = "";

        /// <summary>Why the link waits for a human; null once decided.</summary>
        public string? ReviewReason { get; set; }

        public string DecidedBy { get; set; } = "";
        public double? Score { get; set; }
        public string? MatcherVersion { get; set; }

        /// <summary>Unix ms, as stored.</summary>
        public long UpdatedAt { get; set; }

        /// <summary>The best candidate's score breakdown (JSON); only on a single item.</summary>
        public string? Breakdown { get; set; }

        /// <summary>The matcher's candidates with their breakdowns (JSON array); only on a single item.</summary>
        public string? Candidates { get; set; }

        /// <summary>The reason of the last move into review (history), which outlives the decision.</summary>
        public string? WaitedFor { get; set; }

        /// <summary>The last reviewer decision's reason (<c>reviewer accepted</c>, <c>reviewer kept</c>...), if any.</summary>
        public string? Resolution { get; set; }
    }
}
