using System.Globalization;
using Dapper;
using Refrain.Measurements;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>
    /// Where several sources measured the same recording on the same day, the read side shows one: Songstats' history (one
    /// consistent series) before the snapshot service's reading.
    /// </summary>
    private const string SourceRank = "CASE m.source WHEN 'songstats' THEN 0 ELSE 1 END";

    /// <summary>
    /// The recording a song is measured by: its ISRC, else <c>spotify:&lt;linked track id&gt;</c>; null when it has neither.
    /// Not found (another account's song, <paramref name="accountId"/> set) is <c>(false, null)</c>.
    /// </summary>
    public async Task<(bool Found, string? Recording)> GetSongRecordingAsync(long songId, long? accountId, CancellationToken cancellationToken)
    {
        var row = await ReadAsync(c => c.QuerySingleOrDefaultAsync<(long Id, string? Recording)?>(Command("""
            SELECT s.id, COALESCE(s.isrc, 'spotify:' || l.spotify_track_id)
            FROM songs s LEFT JOIN links l ON l.song_id = s.id
            WHERE s.id = @songId AND (@accountId IS NULL OR s.account_id = @accountId)
            """, new { songId, accountId }, null, cancellationToken)), cancellationToken);
        return row is { } r ? (true, r.Recording) : (false, null);
    }

    /// <summary>One recording's series of <paramref name="metric"/> between two dates inclusive, one point a day, oldest first.</summary>
    public async Task<IReadOnlyList<SeriesPoint>> GetRecordingSeriesAsync(
        string recording, string platform, string metric, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(c => c.QueryAsync<(string Date, long Total, long? Daily, long Flagged, string Source)>(Command($"""
            SELECT m.date, m.total, m.daily, m.flagged, m.source FROM measurements m
            WHERE m.recording = @recording AND m.platform = @platform AND m.metric = @metric AND m.date BETWEEN @from AND @to
            ORDER BY m.date, {SourceRank}
            """, new { recording, platform, metric, from = Day(from), to = Day(to) }, null, cancellationToken)), cancellationToken);
        return rows.GroupBy(r => r.Date).Select(g => g.First())
            .Select(r => new SeriesPoint(ParseDay(r.Date), r.Total, r.Daily, r.Flagged != 0, 1, r.Source)).ToList();
    }

    /// <summary>
    /// A catalog's series: per date, the sums over its distinct recordings measured that day (each by its preferred source);
    /// the daily sum adds the known dailies, and is null when none is known.
    /// </summary>
    public async Task<IReadOnlyList<SeriesPoint>> GetCatalogSeriesAsync(
        long catalogId, string platform, string metric, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(c => c.QueryAsync<(string Date, long Total, long? Daily, long Flagged, long Recordings)>(Command($"""
            WITH rec AS (
                SELECT DISTINCT COALESCE(s.isrc, 'spotify:' || l.spotify_track_id) AS r
                FROM songs s LEFT JOIN links l ON l.song_id = s.id
                WHERE s.catalog_id = @catalogId AND COALESCE(s.isrc, l.spotify_track_id) IS NOT NULL),
            pts AS (
                SELECT m.date, m.total, m.daily, m.flagged,
                       ROW_NUMBER() OVER (PARTITION BY m.recording, m.date ORDER BY {SourceRank}) AS pick
                FROM rec JOIN measurements m ON m.recording = rec.r
                WHERE m.platform = @platform AND m.metric = @metric AND m.date BETWEEN @from AND @to)
            SELECT date, CAST(SUM(total) AS BIGINT), CAST(SUM(daily) AS BIGINT), MAX(flagged), COUNT(*) FROM pts WHERE pick = 1 GROUP BY date ORDER BY date
            """, new { catalogId, platform, metric, from = Day(from), to = Day(to) }, null, cancellationToken)), cancellationToken);
        return rows.Select(r => new SeriesPoint(ParseDay(r.Date), r.Total, r.Daily, r.Flagged != 0, (int)r.Recordings, null)).ToList();
    }

    private static DateOnly ParseDay(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
