using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Refrain.Runs;
using Refrain.Storage;

namespace Refrain.Notifications;

/// <summary>
/// Finds what to announce and stores it with its delivery jobs, in one transaction per check: runs that ended since the
/// persisted cursor (per their schedule's notify policy), schedules that went stale or recovered, refresh tokens entering
/// the 30- and 7-day bands, and providers paused for longer than <see cref="NotificationOptions.LongPause"/>. Every event
/// has a key, so checks on several nodes, or again after a crash, announce it once. Each check also closes the deliveries
/// whose job ended without recording an outcome (see <see cref="RefrainStore.FailStrandedDeliveriesAsync"/>).
/// </summary>
public sealed class NotificationChecker(RefrainStore store, NotificationOptions options, TimeProvider time, ILogger<NotificationChecker> logger)
{
    /// <summary>Rows read per kind of event per check.</summary>
    public const int PageSize = 500;

    /// <summary>How far before the cursor a scan looks again, for transactions that committed an earlier end late.</summary>
    private static readonly TimeSpan LateCommit = TimeSpan.FromMinutes(5);

    /// <summary>Runs one check; returns how many notifications it stored.</summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (await store.FailStrandedDeliveriesAsync(cancellationToken) is var stranded and > 0)
        {
            NotificationsLog.StrandedDeliveries(logger, stranded);
        }

        var batch = new NotificationBatch();
        await AddEndedRunsAsync(batch, now, cancellationToken);
        await AddStaleSchedulesAsync(batch, now, cancellationToken);
        await AddExpiringTokensAsync(batch, now, cancellationToken);
        await AddLongPausesAsync(batch, now, cancellationToken);
        if (batch.IsEmpty)
        {
            return 0;
        }

        var stored = await store.WriteNotificationBatchAsync(batch, options.Channels.Select(c => c.Name).ToList(), options.MaxAttempts, cancellationToken);
        if (stored > 0)
        {
            NotificationsLog.Stored(logger, stored, options.Channels.Count);
        }

        return stored;
    }

    private async Task AddEndedRunsAsync(NotificationBatch batch, DateTimeOffset now, CancellationToken ct)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        // The first scan looks back an hour, not over all history: a new installation announces no old runs.
        var cursor = await store.GetNotificationCursorAsync(ct) ?? nowMs - (long)TimeSpan.FromHours(1).TotalMilliseconds;
        var from = cursor - (long)(options.SummaryWait + LateCommit).TotalMilliseconds;
        var runs = await store.EndedRunsToAnnounceAsync(from, PageSize, ct);
        var summaryDue = nowMs - (long)options.SummaryWait.TotalMilliseconds;
        foreach (var (run, _) in runs)
        {
            // A summary is written just after its run ends; give it a moment so "what got done" is in the message.
            var failed = run.State is RunState.Failed or RunState.CompletedWithErrors;
            if (!failed && run.Summary is null && run.EndedAt > summaryDue)
            {
                continue;
            }

            batch.Notifications.Add(RunNotification.From(run, options.DashboardBaseUrl));
        }

        batch.RunCursor = runs.Count == PageSize ? Math.Max(cursor, runs[^1].Run.EndedAt ?? cursor) : nowMs;
    }

    private async Task AddStaleSchedulesAsync(NotificationBatch batch, DateTimeOffset now, CancellationToken ct)
    {
        var alerts = (await store.ListNotificationAlertsAsync(ct)).Where(a => a.Key.StartsWith("stale:", StringComparison.Ordinal))
            .ToDictionary(a => a.Key, StringComparer.Ordinal);
        var schedules = await store.ScheduleHealthAsync(ct);
        foreach (var schedule in schedules)
        {
            var key = FormattableString.Invariant($"stale:{schedule.Id}");
            var open = alerts.Remove(key, out var alert);
            if (open && (!schedule.Enabled || schedule.LastSuccessAt >= alert!.SinceAt))
            {
                batch.Clear.Add(key);
                if (schedule.Enabled)
                {
                    batch.Notifications.Add(ScheduleDraft(NotificationKind.ScheduleRecovered, schedule, alert!.SinceAt, now,
                        $"Schedule {schedule.Name} recovered: it succeeded again"));
                }

                continue;
            }

            if (!open && Staleness.MissedSince(schedule, now) is { } missed)
            {
                var since = missed.ToUnixTimeMilliseconds();
                batch.Track.Add(new NotificationAlert(key, since, null));
                batch.Announce.Add(key);
                batch.Notifications.Add(ScheduleDraft(NotificationKind.ScheduleStale, schedule, since, now, string.Create(CultureInfo.InvariantCulture,
                    $"Schedule {schedule.Name} is stale: no success since its fire time {RunNotification.Iso(since)}")));
            }
        }

        // Alerts of deleted schedules end without a word.
        batch.Clear.AddRange(alerts.Keys);
    }

    private static NotificationDraft ScheduleDraft(string kind, ScheduleHealth schedule, long since, DateTimeOffset now, string subject)
    {
        var payload = new JsonObject
        {
            ["event"] = kind,
            ["occurred_at"] = RunNotification.Iso(now.ToUnixTimeMilliseconds()),
            ["account_id"] = schedule.AccountId,
            ["schedule"] = schedule.Name,
            ["cron"] = schedule.Cron,
            ["missed_fire_time"] = RunNotification.Iso(since),
            ["last_success_at"] = schedule.LastSuccessAt is { } s ? RunNotification.Iso(s) : null,
        };
        var key = FormattableString.Invariant($"{(kind == NotificationKind.ScheduleStale ? "stale" : "recovered")}:{schedule.Id}:{since}");
        return new NotificationDraft(key, kind, schedule.AccountId, null, schedule.Name, subject, subject + ".", payload.ToJsonString());
    }

    private async Task AddExpiringTokensAsync(NotificationBatch batch, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var token in await store.TokensToAnnounceAsync(now, PageSize, ct))
        {
            var expires = RunNotification.Iso(token.RefreshExpiresAt);
            var subject = string.Create(CultureInfo.InvariantCulture,
                $"Listener {token.Id} ({token.DisplayName}): Spotify authorization expires within {token.Band} days");
            var payload = new JsonObject
            {
                ["event"] = NotificationKind.TokenExpiring,
                ["occurred_at"] = RunNotification.Iso(now.ToUnixTimeMilliseconds()),
                ["account_id"] = token.AccountId,
                ["listener_id"] = token.Id,
                ["within_days"] = token.Band,
                ["refresh_expires_at"] = expires,
            };
            batch.Notifications.Add(new NotificationDraft(token.EventKey, NotificationKind.TokenExpiring, token.AccountId, null, null, subject,
                $"{subject} (at {expires}); the listener must reconnect before then.", payload.ToJsonString()));
        }
    }

    private async Task AddLongPausesAsync(NotificationBatch batch, DateTimeOffset now, CancellationToken ct)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var alerts = (await store.ListNotificationAlertsAsync(ct)).Where(a => a.Key.StartsWith("pause:", StringComparison.Ordinal))
            .ToDictionary(a => a.Key, StringComparer.Ordinal);
        foreach (var (name, pausedUntil, reason, updatedAt) in await store.ProviderPauseTimesAsync(ct))
        {
            var key = $"pause:{name}";
            var open = alerts.Remove(key, out var alert);
            if (pausedUntil is not { } until || until <= nowMs)
            {
                if (open)
                {
                    batch.Clear.Add(key);
                }

                continue;
            }

            // A pause began when first seen (or when set, if that was earlier); repeated short pauses add up to one.
            var since = open ? alert!.SinceAt : Math.Min(updatedAt, nowMs);
            if (!open)
            {
                batch.Track.Add(new NotificationAlert(key, since, null));
            }

            var longPause = (long)options.LongPause.TotalMilliseconds;
            if (alert?.AnnouncedAt is null && (until - since > longPause || nowMs - since > longPause))
            {
                batch.Announce.Add(key);
                var subject = string.Create(CultureInfo.InvariantCulture,
                    $"Provider {name} paused ({reason ?? "unknown"}) until {RunNotification.Iso(until)}");
                var payload = new JsonObject
                {
                    ["event"] = NotificationKind.ProviderPaused,
                    ["occurred_at"] = RunNotification.Iso(nowMs),
                    ["provider"] = name,
                    ["reason"] = reason,
                    ["paused_since"] = RunNotification.Iso(since),
                    ["paused_until"] = RunNotification.Iso(until),
                };
                batch.Notifications.Add(new NotificationDraft(FormattableString.Invariant($"pause:{name}:{since}"), NotificationKind.ProviderPaused,
                    null, null, null, subject, subject + "; its jobs wait until then.", payload.ToJsonString()));
            }
        }

        batch.Clear.AddRange(alerts.Keys);
    }
}
