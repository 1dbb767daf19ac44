namespace Refrain.Storage;

/// <summary>
/// The listening statements whose text differs between dialects: SQLite reads plays from one JSON array <c>@rows</c>,
/// PostgreSQL from a table they were COPYed into (<see cref="Postgres.PostgresPlayCopy"/>).
/// </summary>
internal sealed record ListeningSql
{
    /// <summary>
    /// Inserts the plays of <c>@rows</c> for listener <c>@listener</c> unless tombstoned (the same ingest key, or the same play
    /// as a deleted one), already stored under the ingest key, or the same play as a stored one (see <see cref="SamePlay"/>);
    /// the count of rows written is the number imported.
    /// </summary>
    public required string InsertPlays { get; init; }

    /// <summary>
    /// Stored play (or tombstone) <paramref name="p"/> is candidate <c>r</c> (columns <c>at</c>, <c>pr</c>): end times within
    /// ±30 s, or, when either side is known only to the minute <c>m</c>, the other end time falls in <c>[m, m + 60 s)</c>.
    /// The caller has already matched listener and names (their hash) and bounded <c>played_at</c> to ±60 s, so the index
    /// does the narrowing.
    /// </summary>
    public static string SamePlay(string p) => $"""
        (({p}.precision_ms = 1000 AND r.pr = 1000 AND {p}.played_at BETWEEN r.at - 30000 AND r.at + 30000)
          OR (r.pr = 60000 AND {p}.played_at >= r.at AND {p}.played_at < r.at + 60000)
          OR ({p}.precision_ms = 60000 AND r.at >= {p}.played_at AND r.at < {p}.played_at + 60000))
        """;

    /// <summary>Candidate <c>r</c> is the same play as a row of <paramref name="table"/> (plays or tombstones), aliased <paramref name="p"/>.</summary>
    private static string SameAsIn(string table, string p) => $"""
        SELECT 1 FROM {table} {p}
        WHERE {p}.listener_id = @listener AND {p}.name_key = r.nk
          AND {p}.played_at BETWEEN r.at - 60000 AND r.at + 60000
          AND {SamePlay(p)}
        """;

    /// <summary>The body shared by both dialects once the rows are a relation <c>r</c> with the JSON member names.</summary>
    public static string InsertFrom(string rows) => $"""
        INSERT INTO plays (listener_id, ingest_key, artist, title, album, norm_artist, norm_title, name_key, played_at, ms_played,
                           source, precision_ms, spotify_track_id, created_at)
        SELECT @listener, r.k, r.a, r.t, r.al, r.na, r.nt, r.nk, r.at, r.ms, r.s, r.pr, r.tid, @now
        FROM {rows}
        WHERE NOT EXISTS (SELECT 1 FROM play_tombstones x WHERE x.listener_id = @listener AND x.ingest_key = r.k)
          AND NOT EXISTS ({SameAsIn("play_tombstones", "x")})
          AND NOT EXISTS ({SameAsIn("plays", "p")})
        ON CONFLICT (listener_id, ingest_key) DO NOTHING
        """;
}
