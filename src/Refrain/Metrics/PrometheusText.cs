using System.Globalization;

namespace Refrain.Metrics;

/// <summary>
/// Renders the node's series: the database's (jobs, queues, runs, providers, quota, schedules, listeners; see
/// <see cref="MetricsSnapshots"/>) and this process's counters (<see cref="EngineMetrics"/>).
/// </summary>
internal static class PrometheusText
{
    public static async Task<string> RenderAsync(MetricsSnapshots snapshots, EngineMetrics metrics, TimeProvider time, CancellationToken ct)
    {
        var snapshot = await snapshots.GetAsync(ct);
        var now = time.GetUtcNow();
        var w = new PrometheusWriter();
        WriteJobs(w, snapshot, now);
        WriteEngine(w, metrics);
        WriteProviders(w, snapshot, metrics, now);
        WriteSchedulesAndListeners(w, snapshot, now);
        return w.ToString();
    }

    private static void WriteJobs(PrometheusWriter w, StoreSnapshot snapshot, DateTimeOffset now)
    {
        w.Family("refrain_jobs", "gauge", $"Jobs by source, job type and state (a database count, refreshed at most every {MetricsSnapshots.JobCountsTtl.TotalSeconds:0} s).");
        foreach (var (source, jobType, state, count) in snapshot.Jobs)
        {
            w.Sample("refrain_jobs", count, ("source", source), ("job_type", jobType), ("state", state));
        }

        // Every source that has jobs gets a queue series, 0 when nothing is due: an absent series would hide a recovered queue.
        var sources = snapshot.Jobs.Select(j => j.Source).Concat(snapshot.Queues.Select(q => q.Source)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var queues = snapshot.Queues.ToDictionary(q => q.Source, StringComparer.Ordinal);
        w.Family("refrain_queue_depth", "gauge", "Pending jobs that are due (run_at <= now), by source.");
        foreach (var source in sources)
        {
            w.Sample("refrain_queue_depth", queues.TryGetValue(source, out var q) ? q.Depth : 0, ("source", source));
        }

        w.Family("refrain_queue_lag_seconds", "gauge", "Age of the oldest due pending job (now - its run_at), by source; 0 when none is due.");
        foreach (var source in sources)
        {
            var lag = queues.TryGetValue(source, out var q) && q.OldestRunAt is { } oldest ? Seconds(now.ToUnixTimeMilliseconds() - oldest) : 0;
            w.Sample("refrain_queue_lag_seconds", lag, ("source", source));
        }

        w.Family("refrain_runs_total", "counter", "Runs by kind and state (a database count).");
        foreach (var (kind, state, count) in snapshot.Runs)
        {
            w.Sample("refrain_runs_total", count, ("kind", kind), ("state", state));
        }
    }

    private static void WriteEngine(PrometheusWriter w, EngineMetrics metrics)
    {
        w.Family("refrain_job_claims_total", "counter", "Jobs claimed by this node.");
        w.Sample("refrain_job_claims_total", metrics.Claims);

        w.Family("refrain_job_outcomes_total", "counter", "Completions committed by this node by source, job type and resulting state.");
        foreach (var ((source, jobType, state), count) in metrics.Outcomes.OrderBy(o => o.Key))
        {
            w.Sample("refrain_job_outcomes_total", count, ("source", source), ("job_type", jobType), ("state", state));
        }

        w.Family("refrain_job_duration_seconds", "histogram", "How long handlers ran on this node, every execution whatever its outcome, by source and job type.");
        foreach (var ((source, jobType), histogram) in metrics.Durations.OrderBy(d => d.Key))
        {
            var (cumulative, sum) = histogram.Snapshot();
            for (var i = 0; i < cumulative.Count; i++)
            {
                var le = i < DurationHistogram.Bounds.Count ? PrometheusWriter.Format(DurationHistogram.Bounds[i]) : "+Inf";
                w.Sample("refrain_job_duration_seconds_bucket", cumulative[i], ("source", source), ("job_type", jobType), ("le", le));
            }

            w.Sample("refrain_job_duration_seconds_sum", sum, ("source", source), ("job_type", jobType));
            w.Sample("refrain_job_duration_seconds_count", cumulative[^1], ("source", source), ("job_type", jobType));
        }
    }

    private static void WriteProviders(PrometheusWriter w, StoreSnapshot snapshot, EngineMetrics metrics, DateTimeOffset now)
    {
        w.Family("refrain_provider_requests_total", "counter", "Provider requests sent by this node, by provider and HTTP status (timeout or error when no answer came).");
        foreach (var ((provider, status), count) in metrics.ProviderResponses.OrderBy(r => r.Key))
        {
            w.Sample("refrain_provider_requests_total", count, ("provider", provider), ("status", status));
        }

        w.Family("refrain_provider_throttled_total", "counter", "429 answers received by this node, by provider and reason (rate or quota).");
        foreach (var ((provider, reason), count) in metrics.Throttled.OrderBy(r => r.Key))
        {
            w.Sample("refrain_provider_throttled_total", count, ("provider", provider), ("reason", reason));
        }

        w.Family("refrain_provider_paused", "gauge", "1 while the provider is paused, by provider and the reason of its last pause (rate, quota, manual).");
        foreach (var p in snapshot.Pauses)
        {
            w.Sample("refrain_provider_paused", p.IsPausedAt(now) ? 1 : 0, ("provider", p.Name), ("reason", p.Reason ?? ""));
        }

        w.Family("refrain_quota_used_calls", "gauge", "Paid calls reserved this UTC month across every account, by provider.");
        foreach (var q in snapshot.Quota)
        {
            w.Sample("refrain_quota_used_calls", q.Used, ("provider", q.Provider));
        }

        w.Family("refrain_quota_cap_calls", "gauge", "The provider's monthly call cap across every account (absent when it has none).");
        foreach (var q in snapshot.Quota.Where(q => q.Cap is not null))
        {
            w.Sample("refrain_quota_cap_calls", q.Cap!.Value, ("provider", q.Provider));
        }

        w.Family("refrain_quota_used_micro_usd", "gauge", "What the paid calls of this UTC month cost, in millionths of a US dollar, by provider.");
        foreach (var q in snapshot.Quota)
        {
            w.Sample("refrain_quota_used_micro_usd", (double)(q.CostUsd * 1_000_000m), ("provider", q.Provider));
        }
    }

    private static void WriteSchedulesAndListeners(PrometheusWriter w, StoreSnapshot snapshot, DateTimeOffset now)
    {
        w.Family("refrain_schedule_last_success_timestamp_seconds", "gauge",
            "Unix time when the schedule's latest succeeded run ended; 0 when it never succeeded. Account is system for built-in schedules.");
        foreach (var s in snapshot.Schedules)
        {
            var account = s.AccountId is { } id ? id.ToString(CultureInfo.InvariantCulture) : "system";
            w.Sample("refrain_schedule_last_success_timestamp_seconds", s.LastSuccessAt is { } at ? Seconds(at) : 0, ("schedule", s.Name), ("account", account));
        }

        var lag = snapshot.Listeners;
        var nowMs = now.ToUnixTimeMilliseconds();
        w.Family("refrain_listeners_connected", "gauge", "Active listeners holding Spotify tokens (the ones the sync sweep syncs).");
        w.Sample("refrain_listeners_connected", lag.Connected);
        w.Family("refrain_listener_sync_lag_seconds", "gauge",
            "Largest time since a connected listener's last sync (since its connection when it never synced); 0 with no connected listener.");
        w.Sample("refrain_listener_sync_lag_seconds", lag.OldestSyncAt is { } oldest ? Seconds(nowMs - oldest) : 0);
        w.Family("refrain_listener_sync_lag_mean_seconds", "gauge", "Mean time since the last sync over connected listeners; 0 with none.");
        w.Sample("refrain_listener_sync_lag_mean_seconds", lag.MeanSyncAt is { } mean ? Math.Max(0, (nowMs - mean) / 1000.0) : 0);
    }

    private static double Seconds(long ms) => Math.Max(0, ms) / 1000.0;
}
