using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Refrain.Jobs;
using Refrain.Measurements.Quota;
using Refrain.Metrics;
using Refrain.Providers;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Storage;

namespace Refrain.Tests.Metrics;

/// <summary>The series of <c>/metrics</c> after known work, on both databases: each value is what the work should have left.</summary>
public abstract class MetricsCompliance : StoreTestBase
{
    private readonly EngineMetrics _metrics = new();

    private async Task<PrometheusSamples> ScrapeAsync(QuotaLimits? limits = null)
    {
        var snapshots = new MetricsSnapshots(Store, new QuotaService(Store, Time, limits ?? new QuotaLimits()), Time);
        return new PrometheusSamples(await PrometheusText.RenderAsync(snapshots, _metrics, Time, CancellationToken.None));
    }

    [StoreFact]
    public async Task ThreeSucceededAndOneDead_GaugeOutcomesAndHistogramCountsAgree()
    {
        var handlers = new[]
        {
            new JobHandlerRegistration("test", "ok", _ => new Answering(JobOutcome.Success())),
            new JobHandlerRegistration("test", "doomed", _ => new Answering(new JobOutcome.Retry("always failing"))),
        };
        await Store.EnqueueManyAsync([
            new NewJob("test", "ok", "1"), new NewJob("test", "ok", "2"), new NewJob("test", "ok", "3"),
            new NewJob("test", "doomed", "1") { MaxAttempts = 1 },
        ], CancellationToken.None);
        var worker = new Worker(Store, new JobHandlerRegistry(handlers), new ProviderGate(Store, new Dictionary<string, ProviderOptions>(), Time),
            EmptyServices.Instance, new WorkerOptions { Slots = new() { ["*"] = 2 }, PollInterval = TimeSpan.FromMilliseconds(20) },
            TimeProvider.System, _metrics, NullLogger<Worker>.Instance);
        using var stop = new CancellationTokenSource();

        var running = worker.RunAsync(stop.Token);
        await Eventually.WaitAsync(() => Task.FromResult(worker.Stats.Committed == 4), "4 committed completions");
        await stop.CancelAsync();
        await running;
        var m = await ScrapeAsync();

        Assert.Equal(3, m["""refrain_jobs{source="test",job_type="ok",state="succeeded"}"""]);
        Assert.Equal(1, m["""refrain_jobs{source="test",job_type="doomed",state="dead"}"""]);
        Assert.Equal(3, m["""refrain_job_outcomes_total{source="test",job_type="ok",state="succeeded"}"""]);
        Assert.Equal(1, m["""refrain_job_outcomes_total{source="test",job_type="doomed",state="dead"}"""]);
        Assert.Equal(4, m["refrain_job_claims_total"]);
        Assert.Equal(3, m["""refrain_job_duration_seconds_count{source="test",job_type="ok"}"""]);
        Assert.Equal(1, m["""refrain_job_duration_seconds_count{source="test",job_type="doomed"}"""]);
        Assert.Equal(3, m["""refrain_job_duration_seconds_bucket{source="test",job_type="ok",le="+Inf"}"""]);
        Assert.Equal(0, m["""refrain_queue_depth{source="test"}"""]);
    }

    [StoreFact]
    public async Task QueueLag_IsNowMinusTheOldestDueRunAt_AndMovesWithTheClock()
    {
        var now = Time.GetUtcNow();
        await Store.EnqueueManyAsync([
            new NewJob("spotify", "a", "1") { RunAt = now.AddSeconds(-90) },
            new NewJob("spotify", "a", "2") { RunAt = now.AddSeconds(-30) },
            new NewJob("spotify", "a", "3") { RunAt = now.AddSeconds(60) },
            new NewJob("musicbrainz", "b", "1") { RunAt = now.AddSeconds(100) },
        ], CancellationToken.None);

        var before = await ScrapeAsync();
        Time.Advance(TimeSpan.FromSeconds(120));
        var after = await ScrapeAsync();

        Assert.Equal((90, 2), (before["""refrain_queue_lag_seconds{source="spotify"}"""], before["""refrain_queue_depth{source="spotify"}"""]));
        Assert.Equal((0, 0), (before["""refrain_queue_lag_seconds{source="musicbrainz"}"""], before["""refrain_queue_depth{source="musicbrainz"}"""]));
        Assert.Equal((210, 3), (after["""refrain_queue_lag_seconds{source="spotify"}"""], after["""refrain_queue_depth{source="spotify"}"""]));
        Assert.Equal((20, 1), (after["""refrain_queue_lag_seconds{source="musicbrainz"}"""], after["""refrain_queue_depth{source="musicbrainz"}"""]));
        Assert.Equal(3, after["""refrain_jobs{source="spotify",job_type="a",state="pending"}"""]);
    }

    [StoreFact]
    public async Task Snapshot_QueueIsRetakenAfterItsTtl_AndTheFullJobCountAfterItsLongerOne()
    {
        var snapshots = new MetricsSnapshots(Store, new QuotaService(Store, Time, new QuotaLimits()), Time);
        await snapshots.GetAsync(CancellationToken.None);
        await Store.EnqueueAsync(new NewJob("spotify", "a", "1"), CancellationToken.None);

        var cached = await snapshots.GetAsync(CancellationToken.None);
        Time.Advance(MetricsSnapshots.Ttl);
        var queueFresh = await snapshots.GetAsync(CancellationToken.None);
        Time.Advance(MetricsSnapshots.JobCountsTtl - MetricsSnapshots.Ttl);
        var allFresh = await snapshots.GetAsync(CancellationToken.None);

        Assert.Equal((0, 0), (cached.Jobs.Count, cached.Queues.Count));
        Assert.Equal((0, 1L), (queueFresh.Jobs.Count, Assert.Single(queueFresh.Queues).Depth));
        Assert.Equal(1, Assert.Single(allFresh.Jobs).Count);
    }

    [StoreFact]
    public async Task Providers_PausedQuotaSchedulesAndListeners_AreReported()
    {
        var limits = new QuotaLimits();
        limits.ProviderCaps["songstats"] = 100;
        limits.CostPerCallUsd["songstats"] = 0.0025m;
        var quota = new QuotaService(Store, Time, limits);
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await quota.ReserveAsync("songstats", null, null, CancellationToken.None));
        }

        await Store.PauseProviderAsync("spotify", Time.GetUtcNow().AddMinutes(5), PauseReason.Rate, extendOnly: false, CancellationToken.None);
        var nowMs = Time.GetUtcNow().ToUnixTimeMilliseconds();
        await Store.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO schedules (account_id, name, cron, source, job_type, created_at, updated_at) VALUES (NULL, 'nightly', '0 3 * * *', 's', 't', @nowMs, @nowMs);
            INSERT INTO schedules (account_id, name, cron, source, job_type, created_at, updated_at) VALUES (NULL, 'never-ok', '0 3 * * *', 's', 't', @nowMs, @nowMs);
            INSERT INTO runs (kind, trigger_type, schedule_name, state, created_at, ended_at) VALUES ('s/t', 'schedule', 'nightly', 'succeeded', @nowMs - 7200000, @nowMs - 7000000);
            INSERT INTO runs (kind, trigger_type, schedule_name, state, created_at, ended_at) VALUES ('s/t', 'schedule', 'nightly', 'failed', @nowMs - 3600000, @nowMs - 3500000);
            INSERT INTO runs (kind, trigger_type, schedule_name, state, created_at, ended_at) VALUES ('s/t', 'schedule', 'never-ok', 'failed', @nowMs - 3600000, @nowMs - 3500000);
            INSERT INTO listeners (account_id, display_name, status, refresh_token, last_sync_at, created_at) VALUES (1, 'a', 'active', @token, @nowMs - 600000, @nowMs - 9000000);
            INSERT INTO listeners (account_id, display_name, status, refresh_token, last_sync_at, created_at) VALUES (1, 'b', 'active', @token, @nowMs - 1200000, @nowMs - 9000000);
            INSERT INTO listeners (account_id, display_name, status, refresh_token, last_sync_at, created_at) VALUES (1, 'c', 'reauth_required', @token, @nowMs - 9000000, @nowMs - 9000000);
            INSERT INTO listeners (account_id, display_name, status, refresh_token, last_sync_at, created_at) VALUES (1, 'd', 'active', NULL, NULL, @nowMs - 9000000);
            """, new { nowMs, token = new byte[] { 1, 2, 3 } }, tx), CancellationToken.None);

        var m = await ScrapeAsync(limits);

        Assert.Equal(1, m["""refrain_provider_paused{provider="spotify",reason="rate"}"""]);
        Assert.Equal(3, m["""refrain_quota_used_calls{provider="songstats"}"""]);
        Assert.Equal(100, m["""refrain_quota_cap_calls{provider="songstats"}"""]);
        Assert.Equal(7500, m["""refrain_quota_used_micro_usd{provider="songstats"}"""]);
        Assert.Equal(0, m["""refrain_quota_used_calls{provider="snapshot"}"""]);
        Assert.False(m.Has("""refrain_quota_cap_calls{provider="snapshot"}"""));
        Assert.Equal((nowMs - 7000000) / 1000.0, m["""refrain_schedule_last_success_timestamp_seconds{schedule="nightly",account="system"}"""]);
        Assert.Equal(0, m["""refrain_schedule_last_success_timestamp_seconds{schedule="never-ok",account="system"}"""]);
        Assert.Equal(2, m["refrain_listeners_connected"]);
        Assert.Equal(1200, m["refrain_listener_sync_lag_seconds"]);
        Assert.Equal(900, m["refrain_listener_sync_lag_mean_seconds"]);
    }

    [StoreFact]
    public async Task EmptyNode_DeclaresEveryFamily()
    {
        var m = await ScrapeAsync();

        foreach (var family in new[]
        {
            "refrain_jobs", "refrain_queue_depth", "refrain_queue_lag_seconds", "refrain_runs_total", "refrain_job_claims_total",
            "refrain_job_outcomes_total", "refrain_job_duration_seconds", "refrain_provider_requests_total", "refrain_provider_throttled_total",
            "refrain_provider_paused", "refrain_quota_used_calls", "refrain_quota_cap_calls", "refrain_quota_used_micro_usd",
            "refrain_schedule_last_success_timestamp_seconds", "refrain_listeners_connected", "refrain_listener_sync_lag_seconds",
            "refrain_listener_sync_lag_mean_seconds",
        })
        {
            Assert.True(m.Declares(family), family);
        }

        Assert.Equal(0, m["refrain_listener_sync_lag_seconds"]);
    }

    private sealed class Answering(JobOutcome outcome) : IJobHandler
    {
        public Task<JobOutcome> ExecuteAsync(JobContext context, CancellationToken cancellationToken) => Task.FromResult(outcome);
    }
}

public sealed class SqliteMetricsTests : MetricsCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresMetricsTests : MetricsCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => PostgresDb.CreateAsync();
}
