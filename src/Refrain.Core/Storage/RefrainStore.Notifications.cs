using System.Text.Json;
using Dapper;
using Refrain.Notifications;
using Refrain.Runs;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    private const string NotificationColumns = "id, event_key, kind, account_id, run_id, schedule_name, subject, text, payload, created_at";
    private const string DeliveryColumns = "notification_id, channel, state, attempts, last_error, delivered_at, updated_at";
    private const string RunCursorName = "runs";

    /// <summary>Rows <c>(k, kd, a, r, s, sj, tx, p)</c> of a JSON array of notifications, as a FROM item.</summary>
    private protected abstract string NotificationRows { get; }

    /// <summary>Rows <c>(n, c)</c> (notification id, channel) of a JSON array, as a FROM item.</summary>
    private protected abstract string DeliveryRows { get; }

    /// <summary>Rows <c>(k, s)</c> (alert key, since) of a JSON array, as a FROM item.</summary>
    private protected abstract string AlertRows { get; }

    /// <summary>A subquery of the strings (column <c>k</c>) of the JSON array parameter <c>@keys</c>.</summary>
    private protected abstract string KeyList { get; }

    /// <summary>A subquery of the integers (column <c>id</c>) of the JSON array parameter <c>@ids</c>.</summary>
    private protected abstract string IdList { get; }

    /// <summary>The finished-runs scan's position (an <c>ended_at</c>), or null before the first scan.</summary>
    public Task<long?> GetNotificationCursorAsync(CancellationToken cancellationToken) =>
        ReadAsync(c => c.ExecuteScalarAsync<long?>(Command("SELECT position FROM notification_cursor WHERE name = @name", new { name = RunCursorName }, null, cancellationToken)), cancellationToken);

    /// <summary>
    /// Runs ended after <paramref name="fromMs"/> that their notify policy announces and that no notification names yet,
    /// oldest end first: <c>failed</c>/<c>completed_with_errors</c> unless the schedule says <c>never</c>, and every run of an
    /// <c>always</c> schedule. A run no schedule started is announced on failure only.
    /// </summary>
    public async Task<IReadOnlyList<(RunRecord Run, string Notify)>> EndedRunsToAnnounceAsync(long fromMs, int limit, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(c => c.QueryAsync<RunRecord, string, (RunRecord Run, string Notify)>(Command("""
            SELECT r.id, r.account_id, r.kind, r.trigger_type, r.requested_by, r.schedule_name, r.fire_time, r.state, r.root_job_id,
                   r.created_at, r.ended_at, r.total, r.succeeded, r.no_data, r.failed, r.dead, r.cancelled, r.summary,
                   COALESCE(s.notify, 'failure') AS notify
            FROM runs r
            LEFT JOIN schedules s ON s.name = r.schedule_name AND COALESCE(s.account_id, 0) = COALESCE(r.account_id, 0)
            WHERE r.ended_at > @fromMs
              AND ((r.state IN ('failed', 'completed_with_errors') AND COALESCE(s.notify, 'failure') <> 'never') OR s.notify = 'always')
              AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.run_id = r.id)
            ORDER BY r.ended_at, r.id
            LIMIT @limit
            """, new { fromMs, limit }, null, cancellationToken), (run, notify) => (run, notify), splitOn: "notify"), cancellationToken);
        return rows.ToList();
    }

    /// <summary>Every schedule with its last successful run's end (null when it never succeeded).</summary>
    public async Task<IReadOnlyList<ScheduleHealth>> ScheduleHealthAsync(CancellationToken cancellationToken) =>
        (await ReadAsync(c => c.QueryAsync<ScheduleHealth>(Command("""
            SELECT s.id, s.account_id, s.name, s.cron, s.time_zone, s.enabled, s.created_at,
                   (SELECT MAX(r.ended_at) FROM runs r
                    WHERE r.schedule_name = s.name AND COALESCE(r.account_id, 0) = COALESCE(s.account_id, 0) AND r.state = 'succeeded') AS last_success_at
            FROM schedules s ORDER BY s.id
            """, null, null, cancellationToken)), cancellationToken)).ToList();

    /// <summary>
    /// Listeners whose refresh token expires after <paramref name="now"/> and within 30 days, with the band (7 or 30) they are
    /// in, that have no notification for that band of this authorization yet.
    /// </summary>
    public async Task<IReadOnlyList<ExpiringToken>> TokensToAnnounceAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        (await ReadAsync(c => c.QueryAsync<ExpiringToken>(Command("""
            SELECT id, account_id, display_name, refresh_expires_at, authorized_at, band FROM (
                SELECT l.id, l.account_id, l.display_name, l.refresh_expires_at, COALESCE(l.authorized_at, 0) AS authorized_at,
                       CASE WHEN l.refresh_expires_at <= @in7 THEN 7 ELSE 30 END AS band
                FROM listeners l
                WHERE l.refresh_token IS NOT NULL AND l.refresh_expires_at > @now AND l.refresh_expires_at <= @in30) t
            WHERE NOT EXISTS (SELECT 1 FROM notifications n WHERE n.event_key =
                'expiry:' || CAST(t.id AS TEXT) || ':' || CAST(t.authorized_at AS TEXT) || ':' || CAST(t.band AS TEXT))
            ORDER BY id LIMIT @limit
            """, new { now = now.ToUnixTimeMilliseconds(), in7 = now.AddDays(7).ToUnixTimeMilliseconds(), in30 = now.AddDays(30).ToUnixTimeMilliseconds(), limit },
            null, cancellationToken)), cancellationToken)).ToList();

    /// <summary>Each provider's pause as stored: until when, why, and when it was last set.</summary>
    public async Task<IReadOnlyList<(string Name, long? PausedUntil, string? Reason, long UpdatedAt)>> ProviderPauseTimesAsync(CancellationToken cancellationToken) =>
        (await ReadAsync(c => c.QueryAsync<(string, long?, string?, long)>(Command(
            "SELECT name, paused_until, reason, updated_at FROM providers ORDER BY name", null, null, cancellationToken)), cancellationToken)).ToList();

    /// <summary>The conditions being tracked (stale schedules, provider pauses).</summary>
    public async Task<IReadOnlyList<NotificationAlert>> ListNotificationAlertsAsync(CancellationToken cancellationToken) =>
        (await ReadAsync(c => c.QueryAsync<(string, long, long?)>(Command(
            "SELECT alert_key, since_at, announced_at FROM notification_alerts ORDER BY alert_key", null, null, cancellationToken)), cancellationToken))
            .Select(r => new NotificationAlert(r.Item1, r.Item2, r.Item3)).ToList();

    /// <summary>
    /// Writes a check's findings in one transaction: the notifications not stored yet (by event key), a delivery row and a
    /// <c>deliver_notification</c> job per new notification per channel, the alerts, and the finished-runs cursor.
    /// Returns how many notifications were new.
    /// </summary>
    public Task<int> WriteNotificationBatchAsync(NotificationBatch batch, IReadOnlyList<string> channels, int maxAttempts, CancellationToken cancellationToken) =>
        WriteAsync(async (c, tx) =>
        {
            var now = NowMs;
            var inserted = new List<long>();
            if (batch.Notifications.Count > 0)
            {
                var rows = JsonSerializer.Serialize(batch.Notifications.Select(n => new Dictionary<string, object?>
                {
                    ["k"] = n.EventKey, ["kd"] = n.Kind, ["a"] = n.AccountId, ["r"] = n.RunId, ["s"] = n.ScheduleName,
                    ["sj"] = n.Subject, ["tx"] = n.Text, ["p"] = n.Payload,
                }));
                inserted.AddRange(await c.QueryAsync<long>(Command($"""
                    INSERT INTO notifications (event_key, kind, account_id, run_id, schedule_name, subject, text, payload, created_at)
                    SELECT k, kd, a, r, s, sj, tx, p, @now FROM {NotificationRows} WHERE true
                    ON CONFLICT (event_key) DO NOTHING
                    RETURNING id
                    """, new { rows, now }, tx, cancellationToken)));
            }

            if (inserted.Count > 0 && channels.Count > 0)
            {
                var pairs = inserted.SelectMany(id => channels.Select(ch => (Id: id, Channel: ch))).ToList();
                var rows = JsonSerializer.Serialize(pairs.Select(p => new Dictionary<string, object> { ["n"] = p.Id, ["c"] = p.Channel }));
                await c.ExecuteAsync(Command($"""
                    INSERT INTO notification_deliveries (notification_id, channel, state, attempts, updated_at)
                    SELECT n, c, 'pending', 0, @now FROM {DeliveryRows}
                    """, new { rows, now }, tx, cancellationToken));
                await InsertJobsAsync(c, tx, pairs.Select(p => DeliveryJob.For(p.Id, p.Channel, maxAttempts)).ToList(), cancellationToken);
            }

            if (batch.Track.Count > 0)
            {
                var rows = JsonSerializer.Serialize(batch.Track.Select(a => new Dictionary<string, object> { ["k"] = a.Key, ["s"] = a.SinceAt }));
                await c.ExecuteAsync(Command($"""
                    INSERT INTO notification_alerts (alert_key, since_at) SELECT k, s FROM {AlertRows} WHERE true
                    ON CONFLICT (alert_key) DO NOTHING
                    """, new { rows }, tx, cancellationToken));
            }

            if (batch.Announce.Count > 0)
            {
                await c.ExecuteAsync(Command($"UPDATE notification_alerts SET announced_at = @now WHERE alert_key IN ({KeyList})",
                    new { keys = JsonSerializer.Serialize(batch.Announce), now }, tx, cancellationToken));
            }

            if (batch.Clear.Count > 0)
            {
                await c.ExecuteAsync(Command($"DELETE FROM notification_alerts WHERE alert_key IN ({KeyList})",
                    new { keys = JsonSerializer.Serialize(batch.Clear) }, tx, cancellationToken));
            }

            if (batch.RunCursor is { } position)
            {
                await c.ExecuteAsync(Command("""
                    INSERT INTO notification_cursor (name, position) VALUES (@name, @position)
                    ON CONFLICT (name) DO UPDATE SET position = excluded.position
                    """, new { name = RunCursorName, position }, tx, cancellationToken));
            }

            return inserted.Count;
        }, cancellationToken);

    /// <summary>Notifications newest first, of one account (or all for an admin), optionally of one kind; keyset paging by id.</summary>
    public async Task<IReadOnlyList<NotificationRecord>> ListNotificationsAsync(
        long? accountId, bool allAccounts, string? kind, int limit, long? afterId, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {NotificationColumns} FROM notifications WHERE (@kind IS NULL OR kind = @kind)"
            + (allAccounts ? "" : " AND account_id = @accountId") + (afterId is null ? "" : " AND id < @afterId") + " ORDER BY id DESC LIMIT @limit";
        return (await ReadAsync(c => c.QueryAsync<NotificationRecord>(Command(sql, new { kind, accountId, limit, afterId }, null, cancellationToken)), cancellationToken)).ToList();
    }

    public Task<NotificationRecord?> GetNotificationAsync(long id, CancellationToken cancellationToken) =>
        ReadAsync(c => c.QuerySingleOrDefaultAsync<NotificationRecord>(Command(
            $"SELECT {NotificationColumns} FROM notifications WHERE id = @id", new { id }, null, cancellationToken)), cancellationToken);

    /// <summary>The deliveries of the given notifications, in one query.</summary>
    public async Task<IReadOnlyList<DeliveryRecord>> DeliveriesOfAsync(IReadOnlyList<long> notificationIds, CancellationToken cancellationToken)
    {
        if (notificationIds.Count == 0)
        {
            return [];
        }

        return (await ReadAsync(c => c.QueryAsync<DeliveryRecord>(Command(
            $"SELECT {DeliveryColumns} FROM notification_deliveries WHERE notification_id IN ({IdList}) ORDER BY notification_id, channel",
            new { ids = JsonSerializer.Serialize(notificationIds) }, null, cancellationToken)), cancellationToken)).ToList();
    }

    /// <summary>Records one delivery attempt: its count, outcome and error (null clears it).</summary>
    public Task RecordDeliveryAsync(long notificationId, string channel, string state, int attempts, string? error, CancellationToken cancellationToken) =>
        WriteAsync((c, tx) => c.ExecuteAsync(Command("""
            UPDATE notification_deliveries SET state = @state, attempts = @attempts, last_error = @error,
                delivered_at = CASE WHEN @state = 'delivered' THEN @now ELSE delivered_at END, updated_at = @now
            WHERE notification_id = @notificationId AND channel = @channel
            """, new { notificationId, channel, state, attempts, error, now = NowMs }, tx, cancellationToken)), cancellationToken);
}
