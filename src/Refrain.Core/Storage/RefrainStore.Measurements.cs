using System.Globalization;
using System.Text.Json;
using Dapper;
using Refrain.Measurements;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>The points of <c>@rows</c> as a table <c>r(d, t)</c>: the date 'YYYY-MM-DD' and the cumulative total.</summary>
    private protected abstract string MeasurementRows { get; }

    /// <summary>The 'YYYY-MM-DD' text of the calendar day before the date text in <paramref name="column"/>.</summary>
    private protected abstract string PreviousDay(string column);

    /// <summary>
    /// Stores cumulative totals of one series (recording, platform, metric, source) in one statement, replacing the totals
    /// of dates already stored, then derives the daily values of the affected dates, the day after the last point included
    /// (its difference depends on it): the total minus the previous calendar day's total when that day has one, null when
    /// it has none (a gap is unknown, never zero), and null flagged when the difference is negative. Returns the points written.
    /// </summary>
    public Task<int> UpsertMeasurementsAsync(
        string recording, string platform, string metric, string source, IReadOnlyList<DailyTotal> points, CancellationToken cancellationToken)
    {
        if (points.Count == 0)
        {
            return Task.FromResult(0);
        }

        // One value per date: a source that repeats a date keeps its last word.
        var rows = points.GroupBy(p => p.Date).Select(g => g.Last()).OrderBy(p => p.Date).ToList();
        var json = JsonSerializer.Serialize(rows.Select(p => new { d = Day(p.Date), t = p.Total }), StoreJson.Options);
        var args = new
        {
            recording, platform, metric, source, rows = json, now = NowMs,
            from = Day(rows[0].Date), to = Day(rows[^1].Date.AddDays(1)),
        };
        return WriteAsync(async (c, tx) =>
        {
            var written = await c.ExecuteAsync(Command($"""
                INSERT INTO measurements (recording, platform, metric, date, source, total, daily, flagged, fetched_at)
                SELECT @recording, @platform, @metric, r.d, @source, r.t, NULL, 0, @now
                FROM {MeasurementRows} WHERE true
                ON CONFLICT (recording, platform, metric, date, source) DO UPDATE SET total = excluded.total, fetched_at = excluded.fetched_at
                """, args, tx, cancellationToken));
            await c.ExecuteAsync(Command($"""
                WITH d AS (
                    SELECT cur.date, cur.total - prev.total AS diff
                    FROM measurements cur
                    LEFT JOIN measurements prev ON prev.recording = cur.recording AND prev.platform = cur.platform AND prev.metric = cur.metric
                        AND prev.source = cur.source AND prev.date = {PreviousDay("cur.date")}
                    WHERE cur.recording = @recording AND cur.platform = @platform AND cur.metric = @metric AND cur.source = @source
                      AND cur.date BETWEEN @from AND @to)
                UPDATE measurements SET daily = CASE WHEN d.diff >= 0 THEN d.diff END, flagged = CASE WHEN d.diff < 0 THEN 1 ELSE 0 END
                FROM d
                WHERE measurements.recording = @recording AND measurements.platform = @platform AND measurements.metric = @metric
                  AND measurements.source = @source AND measurements.date = d.date
                """, args, tx, cancellationToken));
            return written;
        }, cancellationToken);
    }

    /// <summary>
    /// Records what the historical backfill knows of a recording on a platform: <c>backfilled</c> through a date, or
    /// <c>no_history</c> (the provider has none: never fetched again, by any account).
    /// </summary>
    public Task MarkBackfillAsync(string recording, string platform, string state, DateOnly? through, CancellationToken cancellationToken)
    {
        if (state is not ("backfilled" or "no_history"))
        {
            throw new ArgumentException($"backfill state must be backfilled or no_history, not '{state}'", nameof(state));
        }

        return WriteAsync((c, tx) => c.ExecuteAsync(Command("""
            INSERT INTO backfills (recording, platform, state, through_date, updated_at) VALUES (@recording, @platform, @state, @through, @now)
            ON CONFLICT (recording, platform) DO UPDATE SET state = excluded.state, through_date = excluded.through_date, updated_at = excluded.updated_at
            """, new { recording, platform, state, through = through is { } t ? Day(t) : null, now = NowMs }, tx, cancellationToken)), cancellationToken);
    }

    /// <summary>The stored points of one series between two dates inclusive, oldest first.</summary>
    public async Task<IReadOnlyList<MeasurementPoint>> GetMeasurementsAsync(
        string recording, string platform, string metric, string source, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(c => c.QueryAsync<(string Date, long Total, long? Daily, long Flagged)>(Command("""
            SELECT date, total, daily, flagged FROM measurements
            WHERE recording = @recording AND platform = @platform AND metric = @metric AND source = @source AND date BETWEEN @from AND @to
            ORDER BY date
            """, new { recording, platform, metric, source, from = Day(from), to = Day(to) }, null, cancellationToken)), cancellationToken);
        return rows.Select(r => new MeasurementPoint(DateOnly.ParseExact(r.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture), r.Total, r.Daily, r.Flagged != 0)).ToList();
    }

    /// <summary>The backfill state of a recording on a platform and the date it reaches, or null when never backfilled.</summary>
    public async Task<(string State, DateOnly? Through)?> GetBackfillAsync(string recording, string platform, CancellationToken cancellationToken)
    {
        var row = await ReadAsync(c => c.QuerySingleOrDefaultAsync<(string State, string? Through)?>(Command(
            "SELECT state, through_date FROM backfills WHERE recording = @recording AND platform = @platform", new { recording, platform }, null, cancellationToken)), cancellationToken);
        return row is { } r ? (r.State, r.Through is { } t ? DateOnly.ParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null) : null;
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
