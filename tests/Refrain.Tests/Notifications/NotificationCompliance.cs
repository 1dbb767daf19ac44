using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Refrain.Jobs;
using Refrain.Metrics;
using Refrain.Notifications;
using Refrain.Providers;
using Refrain.Runs;
using Refrain.Scheduling;
using Refrain.Storage;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Storage;

namespace Refrain.Tests.Notifications;

/// <summary>
/// Notifications on both databases, end to end through the real worker and a webhook receiver on 127.0.0.1: run failures
/// and <c>always</c> summaries with their counts and a valid signature, retries then a recorded failure that leaves the run
/// alone, and the once-only alerts (stale schedules, expiring tokens, long pauses) across a restart.
/// </summary>
public abstract class NotificationCompliance : StoreTestBase
{
    private const string Secret = "whsec-test-2f7c1e";
    private readonly List<JobHandlerRegistration> _handlers = [];
    private readonly List<IRunSummarizer> _summarizers = [];

    private static NotificationOptions Options(WebhookReceiver receiver, int maxAttempts = 3, TimeSpan? timeout = null) => new()
    {
        DashboardBaseUrl = "http://127.0.0.1:5080/",
        MaxAttempts = maxAttempts,
        Timeout = timeout ?? TimeSpan.FromSeconds(10),
        Channels = [new NotificationChannelOptions { Name = "ops", Type = NotificationChannelOptions.Webhook, Url = receiver.Url, Secret = Secret }],
    };

    private NotificationChecker Checker(NotificationOptions options, RefrainStore? store = null) =>
        new(store ?? Store, options, Time, NullLogger<NotificationChecker>.Instance);

    private void Handle(string jobType, Func<JobContext, JobOutcome> body) => HandleAsync(jobType, context => Task.FromResult(body(context)));

    private void HandleAsync(string jobType, Func<JobContext, Task<JobOutcome>> body) =>
        _handlers.Add(new JobHandlerRegistration("test", jobType, _ => new DelegateHandler(body)));

    /// <summary>Runs a worker (test handlers plus delivery) until <paramref name="done"/>, moving the fake clock by <paramref name="step"/> per poll.</summary>
    private async Task DrainAsync(NotificationOptions options, Func<Task<bool>> done, string what, TimeSpan? step = null)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var sender = new NotificationSender(http, Time, options.Timeout);
        var handlers = new List<JobHandlerRegistration>(_handlers)
        {
            // The worker measures its execution timeout on the fake clock, which this loop moves fast: keep it out of the way.
            new(DeliveryJob.Source, DeliveryJob.JobType, _ => new DeliverNotificationHandler(options, sender, NullLogger<DeliverNotificationHandler>.Instance))
            {
                Timeout = TimeSpan.FromDays(1),
            },
        };
        var worker = new Worker(Store, new JobHandlerRegistry(handlers), new ProviderGate(Store, new Dictionary<string, ProviderOptions>(), Time), EmptyServices.Instance,
            new WorkerOptions { Slots = new() { ["*"] = 4 }, PollInterval = TimeSpan.FromMilliseconds(100), Lease = TimeSpan.FromHours(2) },
            Time, new EngineMetrics(), NullLogger<Worker>.Instance, new RunSummaries(_summarizers, NullLogger<RunSummaries>.Instance));
        using var stop = new CancellationTokenSource();
        var running = worker.RunAsync(stop.Token);
        try
        {
            await Eventually.WaitAsync(async () =>
            {
                Time.Advance(step ?? TimeSpan.FromSeconds(1));
                return await done();
            }, what);
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }

    private async Task<long> StartScheduledRunAsync(string schedule, string notify, string jobType)
    {
        await Store.UpsertScheduleAsync(new ScheduleRecord { Name = schedule, Cron = "0 4 * * *", Source = "test", JobType = jobType, Notify = notify },
            Time.GetUtcNow().AddDays(1), CancellationToken.None);
        var run = new RunStart($"test/{jobType}", null, "schedule", "scheduler") { ScheduleName = schedule, FireTime = Time.GetUtcNow() };
        return (await Store.StartRunAsync(run, new NewJob("test", jobType, schedule), CancellationToken.None)).RunId!.Value;
    }

    private Func<Task<bool>> RunEnded(long runId, bool withSummary = false) =>
        async () => await Store.GetRunAsync(runId, CancellationToken.None) is { EndedAt: not null } run && (!withSummary || run.Summary is not null);

    private Func<Task<bool>> DeliveryIs(string state) =>
        async () => (await AllDeliveriesAsync()).Count > 0 && (await AllDeliveriesAsync()).All(d => d.State == state);

    private async Task<IReadOnlyList<DeliveryRecord>> AllDeliveriesAsync() =>
        await Store.DeliveriesOfAsync((await Store.ListNotificationsAsync(null, true, null, 100, null, CancellationToken.None)).Select(n => n.Id).ToList(), CancellationToken.None);

    private static void AssertSigned(WebhookReceiver.Received request)
    {
        // Computed here from the raw body and the documented scheme, independently of WebhookSignature.
        var expected = "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(request.Body))).ToLowerInvariant();
        Assert.Equal(expected, request.Headers["X-Refrain-Signature"]);
        Assert.True(long.TryParse(request.Headers["X-Refrain-Timestamp"], out _));
    }

    [StoreFact]
    public async Task FailedScheduledRun_IsDeliveredToTheWebhookSignedWithItsCounts()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var options = Options(receiver);
        Handle("fail", _ => new JobOutcome.Permanent("upstream said no"));
        var runId = await StartScheduledRunAsync("nightly", "failure", "fail");
        await DrainAsync(options, RunEnded(runId), "the run to fail");

        Assert.Equal(1, await Checker(options).CheckAsync(CancellationToken.None));
        Assert.Equal(0, await Checker(options).CheckAsync(CancellationToken.None));
        await DrainAsync(options, DeliveryIs(DeliveryRecord.Delivered), "the delivery");

        var request = Assert.Single(receiver.Requests);
        AssertSigned(request);
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal("run_failed", root.GetProperty("event").GetString());
        Assert.Equal("nightly", root.GetProperty("schedule").GetString());
        Assert.Equal($"http://127.0.0.1:5080/admin/runs/{runId}", root.GetProperty("url").GetString());
        var run = root.GetProperty("run");
        Assert.Equal(runId, run.GetProperty("id").GetInt64());
        Assert.Equal("failed", run.GetProperty("state").GetString());
        Assert.Equal((1, 1, 0), (run.GetProperty("counts").GetProperty("total").GetInt64(), run.GetProperty("counts").GetProperty("failed").GetInt64(),
            run.GetProperty("counts").GetProperty("succeeded").GetInt64()));
        var delivery = Assert.Single(await AllDeliveriesAsync());
        Assert.Equal(("ops", 1, (string?)null), (delivery.Channel, delivery.Attempts, delivery.LastError));
        Assert.NotNull(delivery.DeliveredAt);
    }

    [StoreFact]
    public async Task AlwaysSchedule_SendsTheSummaryWithCounts_NeverAndSucceededFailurePolicySendNothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var options = Options(receiver);
        HandleAsync("sweep", async context =>
        {
            await context.EnqueueChildrenAsync([new NewJob("test", "child", "a"), new NewJob("test", "child", "b"), new NewJob("test", "child", "c")], CancellationToken.None);
            return JobOutcome.Success();
        });
        Handle("child", context => context.Job.Subject == "c" ? new JobOutcome.NoData("nothing upstream") : JobOutcome.Success());
        Handle("fail", _ => new JobOutcome.Permanent("boom"));
        Handle("ok", _ => JobOutcome.Success());
        _summarizers.Add(new FixedSummarizer("test/sweep", """{"relinked":2,"review":1,"kept":0}"""));
        var always = await StartScheduledRunAsync("cleanup", "always", "sweep");
        var never = await StartScheduledRunAsync("quiet", "never", "fail");
        var fine = await StartScheduledRunAsync("daily", "failure", "ok");
        await DrainAsync(options, async () => await RunEnded(always, withSummary: true)() && await RunEnded(never)() && await RunEnded(fine)(), "three runs");

        Assert.Equal(1, await Checker(options).CheckAsync(CancellationToken.None));
        await DrainAsync(options, DeliveryIs(DeliveryRecord.Delivered), "the delivery");

        var request = Assert.Single(receiver.Requests);
        AssertSigned(request);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("run_summary", body.RootElement.GetProperty("event").GetString());
        var run = body.RootElement.GetProperty("run");
        Assert.Equal((always, "succeeded"), (run.GetProperty("id").GetInt64(), run.GetProperty("state").GetString()));
        var counts = run.GetProperty("counts");
        // The sweep job and its three children: three succeeded (the sweep, a, b) and one without data (c).
        Assert.Equal((4, 3, 1, 0), (counts.GetProperty("total").GetInt64(), counts.GetProperty("succeeded").GetInt64(),
            counts.GetProperty("no_data").GetInt64(), counts.GetProperty("failed").GetInt64()));
        Assert.Equal(2, run.GetProperty("summary").GetProperty("relinked").GetInt32());
        var stored = Assert.Single(await Store.ListNotificationsAsync(null, true, null, 10, null, CancellationToken.None));
        Assert.Contains("relinked 2, review 1", stored.Text, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task ReceiverAnswering500_IsRetriedThenRecordedFailed_AndTheRunIsUnaffected()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Status = 500;
        var options = Options(receiver, maxAttempts: 3);
        Handle("fail", _ => new JobOutcome.Permanent("boom"));
        var runId = await StartScheduledRunAsync("nightly", "failure", "fail");
        await DrainAsync(options, RunEnded(runId), "the run to fail");
        var before = await Store.GetRunAsync(runId, CancellationToken.None);
        await Checker(options).CheckAsync(CancellationToken.None);

        await DrainAsync(options, DeliveryIs(DeliveryRecord.Failed), "the delivery to fail", step: TimeSpan.FromMinutes(1));

        Assert.Equal(3, receiver.Requests.Count);
        var delivery = Assert.Single(await AllDeliveriesAsync());
        Assert.Equal(3, delivery.Attempts);
        Assert.Contains("HTTP 500", delivery.LastError, StringComparison.Ordinal);
        Assert.Null(delivery.DeliveredAt);
        var job = Assert.Single(await Store.ReadAsync(c => c.QueryAsync<string>("SELECT state FROM jobs WHERE job_type = 'deliver_notification'"), CancellationToken.None));
        Assert.Equal(JobState.Dead, job);
        var after = await Store.GetRunAsync(runId, CancellationToken.None);
        Assert.Equal((before!.State, before.EndedAt, before.Total, before.Failed), (after!.State, after.EndedAt, after.Total, after.Failed));
    }

    [StoreFact]
    public async Task ReceiverThatTimesOut_IsRetriedThenRecordedFailed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Delay = TimeSpan.FromSeconds(20);
        var options = Options(receiver, maxAttempts: 2, timeout: TimeSpan.FromMilliseconds(300));
        Handle("fail", _ => new JobOutcome.Permanent("boom"));
        var runId = await StartScheduledRunAsync("nightly", "failure", "fail");
        await DrainAsync(options, RunEnded(runId), "the run to fail");
        await Checker(options).CheckAsync(CancellationToken.None);

        await DrainAsync(options, DeliveryIs(DeliveryRecord.Failed), "the delivery to time out", step: TimeSpan.FromSeconds(20));

        var delivery = Assert.Single(await AllDeliveriesAsync());
        Assert.Equal(2, delivery.Attempts);
        Assert.Contains("timed out", delivery.LastError, StringComparison.Ordinal);
        Assert.Equal(2, receiver.Requests.Count);
        Assert.Equal(RunState.Failed, (await Store.GetRunAsync(runId, CancellationToken.None))!.State);
    }

    [StoreFact]
    public async Task StaleSchedule_AlertsOnce_SurvivesARestart_AndClearsWhenItSucceedsAgain()
    {
        var options = new NotificationOptions();
        // Created 2026-11-22T12:00Z, hourly: the 13:00 fire time must succeed by 14:00.
        await Store.UpsertScheduleAsync(new ScheduleRecord { Name = "hourly", Cron = "0 * * * *", Source = "test", JobType = "ok" }, null, CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(119));
        Assert.Equal(0, await Checker(options).CheckAsync(CancellationToken.None));

        Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await Checker(options).CheckAsync(CancellationToken.None));
        Assert.Equal(0, await Checker(options).CheckAsync(CancellationToken.None));
        var restarted = await OpenStoreAsync();
        Time.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, await Checker(options, restarted).CheckAsync(CancellationToken.None));

        var stale = Assert.Single(await Store.ListNotificationsAsync(null, true, NotificationKind.ScheduleStale, 10, null, CancellationToken.None));
        Assert.Equal("hourly", stale.ScheduleName);
        Assert.Contains("2026-11-22T13:00:00.000Z", stale.Text, StringComparison.Ordinal);

        var at = Time.GetUtcNow().ToUnixTimeMilliseconds();
        await Store.ReadAsync(c => c.ExecuteAsync(
            "INSERT INTO runs (kind, trigger_type, schedule_name, state, created_at, ended_at, total) VALUES ('test/ok', 'schedule', 'hourly', 'succeeded', @at, @at, 1)",
            new { at }), CancellationToken.None);
        Assert.Equal(1, await Checker(options, restarted).CheckAsync(CancellationToken.None));
        Assert.Equal(0, await Checker(options).CheckAsync(CancellationToken.None));
        Assert.Single(await Store.ListNotificationsAsync(null, true, NotificationKind.ScheduleRecovered, 10, null, CancellationToken.None));
        Assert.Empty(await Store.ListNotificationAlertsAsync(CancellationToken.None));
    }

    [StoreFact]
    public async Task ExpiringToken_IsAnnouncedOncePerBand()
    {
        var now = Time.GetUtcNow();
        await Store.ReadAsync(c => c.ExecuteAsync("""
            INSERT INTO listeners (account_id, display_name, refresh_token, refresh_expires_at, authorized_at, created_at)
            VALUES (1, 'Ada', @token, @expires, @now, @now), (1, 'Bob', @token, @far, @now, @now)
            """, new { token = new byte[] { 1, 2, 3 }, expires = now.AddDays(20).ToUnixTimeMilliseconds(), far = now.AddDays(90).ToUnixTimeMilliseconds(),
                now = now.ToUnixTimeMilliseconds() }), CancellationToken.None);
        var options = new NotificationOptions();

        Assert.Equal(1, await Checker(options).CheckAsync(CancellationToken.None));
        Assert.Equal(0, await Checker(options).CheckAsync(CancellationToken.None));
        Time.Advance(TimeSpan.FromDays(14));
        Assert.Equal(1, await Checker(options).CheckAsync(CancellationToken.None));
        Assert.Equal(0, await Checker(options).CheckAsync(CancellationToken.None));

        var texts = (await Store.ListNotificationsAsync(null, true, NotificationKind.TokenExpiring, 10, null, CancellationToken.None)).Select(n => n.Subject).ToList();
        Assert.Equal(["Listener 1 (Ada): Spotify authorization expires within 7 days", "Listener 1 (Ada): Spotify authorization expires within 30 days"], texts);
    }

    [StoreFact]
    public async Task ProviderPausedOverAnHour_IsAnnouncedOncePerPause()
    {
        var options = new NotificationOptions();
        await Store.PauseProviderAsync("spotify", Time.GetUtcNow().AddMinutes(10), PauseReason.Rate, false, CancellationToken.None);
        Assert.Equal(0, await Checker(options).CheckAsync(CancellationToken.None));

        await Store.PauseProviderAsync("spotify", Time.GetUtcNow().AddHours(3), PauseReason.Quota, false, CancellationToken.None);
        Assert.Equal(1, await Checker(options).CheckAsync(CancellationToken.None));
        Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await Checker(options).CheckAsync(CancellationToken.None));

        Time.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, await Checker(options).CheckAsync(CancellationToken.None));
        Assert.Empty(await Store.ListNotificationAlertsAsync(CancellationToken.None));
        await Store.PauseProviderAsync("spotify", Time.GetUtcNow().AddHours(2), PauseReason.Quota, false, CancellationToken.None);
        Assert.Equal(1, await Checker(options).CheckAsync(CancellationToken.None));
        Assert.Equal(2, (await Store.ListNotificationsAsync(null, true, NotificationKind.ProviderPaused, 10, null, CancellationToken.None)).Count);
    }

    [StoreFact]
    public async Task Listing_ForAMember_ShowsOnlyItsAccount()
    {
        var other = (await Store.CreateAccountAsync("other", CancellationToken.None))!.Id;
        var at = Time.GetUtcNow().ToUnixTimeMilliseconds();
        await Store.ReadAsync(c => c.ExecuteAsync("""
            INSERT INTO runs (account_id, kind, trigger_type, state, created_at, ended_at, total, failed) VALUES
                (1, 'test/x', 'api', 'completed_with_errors', @at, @at, 2, 1), (@other, 'test/x', 'api', 'failed', @at, @at, 1, 1)
            """, new { at, other }), CancellationToken.None);

        Assert.Equal(2, await Checker(new NotificationOptions()).CheckAsync(CancellationToken.None));

        Assert.Equal(2, (await Store.ListNotificationsAsync(null, true, null, 10, null, CancellationToken.None)).Count);
        var mine = Assert.Single(await Store.ListNotificationsAsync(other, false, null, 10, null, CancellationToken.None));
        Assert.Equal(other, mine.AccountId);
        Assert.Empty(await Store.DeliveriesOfAsync([mine.Id], CancellationToken.None));
    }

    private sealed class DelegateHandler(Func<JobContext, Task<JobOutcome>> body) : IJobHandler
    {
        public Task<JobOutcome> ExecuteAsync(JobContext context, CancellationToken cancellationToken) => body(context);
    }

    private sealed class FixedSummarizer(string kind, string summary) : IRunSummarizer
    {
        public string Kind => kind;

        public Task<string> SummarizeAsync(RefrainStore store, RunRecord run, CancellationToken cancellationToken) => Task.FromResult(summary);
    }
}

public sealed class SqliteNotificationTests : NotificationCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresNotificationTests : NotificationCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => PostgresDb.CreateAsync();
}
