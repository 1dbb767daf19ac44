using System.Net;
using System.Text.RegularExpressions;
using Refrain.Jobs;
using Refrain.Runs;
using Refrain.Tests.Admin.Jobs;
using Refrain.Tests.Http;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Admin.Runs;

/// <summary>
/// Issue 7, the dashboard's runs pages over real HTTP: the list filters by kind, state and schedule with each run's counts;
/// a run page shows its summary, counts, timing, origin and child jobs, and links to all of them on the jobs page.
/// </summary>
public abstract partial class AdminRunsCompliance : ApiTestBase
{
    private const string SweepKind = "spotify/sweep_duration_mismatches";

    [StoreFact]
    public async Task RunPage_ShowsSummaryCountsTimingOriginAndChildJobs()
    {
        var runId = await StartRunAsync(SweepKind, "nightly-rematch");
        var children = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            children.Add(await JobSeeding.EnqueueAsync(Store, "spotify", "rematch_duration_mismatches", $"song:{i}", AlphaId, runId: runId));
        }

        var root = (await Store.GetRunAsync(runId, CancellationToken.None))!.RootJobId!.Value;
        await JobSeeding.FinishAsync(Store, Time.GetUtcNow(), new Dictionary<long, JobOutcome>
        {
            [root] = JobOutcome.Success(), [children[0]] = JobOutcome.Success("relinked"), [children[1]] = JobOutcome.Success("review"),
            [children[2]] = new JobOutcome.Retry("Spotify answered 502"), [children[3]] = new JobOutcome.NoData("no recording"),
        });
        await Store.SetRunSummaryAsync(runId, """{"relinked": 1, "review": 1, "skipped_reviewer": 0, "failed": 1, "text": "relinked 1, review 1, failed 1"}""", CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(5));
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        var html = await admin.GetPageAsync($"/admin/runs/{runId}");
        var text = AdminClient.Text(html);

        Assert.Contains("<span class=\"state completed_with_errors\">completed_with_errors</span>", html, StringComparison.Ordinal);
        Assert.Contains("relinked 1, review 1, failed 1", text, StringComparison.Ordinal);
        Assert.Contains("<dt>skipped reviewer</dt><dd>0</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>relinked</dt><dd>1</dd>", html, StringComparison.Ordinal);
        Assert.Contains("Total 5 Succeeded 3 No data 1 Failed 0 Dead 1 Cancelled 0 Pending 0", text, StringComparison.Ordinal);
        Assert.Contains("Trigger manual Asked by admin@example.test Schedule nightly-rematch", text, StringComparison.Ordinal);
        Assert.Contains("Started 2026-11-22 12:00:00Z (5 min ago)", text, StringComparison.Ordinal);
        Assert.Contains("Duration 0 ms", text, StringComparison.Ordinal);
        Assert.Equal(children.Append(root).OrderDescending(), AdminJobsCompliance.JobIds(html));
        Assert.Contains("Spotify answered 502", text, StringComparison.Ordinal);
        Assert.Equal($"/admin/research?run={runId}", AdminJobsCompliance.Link(html, "All child jobs"));
    }

    [StoreFact]
    public async Task AllChildJobsLink_ShowsExactlyTheRunsJobs()
    {
        var runId = await StartRunAsync(SweepKind, null);
        var otherRun = await StartRunAsync(SweepKind, null);
        var child = await JobSeeding.EnqueueAsync(Store, "spotify", "rematch_duration_mismatches", "song:1", runId: runId);
        await JobSeeding.EnqueueAsync(Store, "spotify", "rematch_duration_mismatches", "song:2", runId: otherRun);
        await JobSeeding.EnqueueAsync(Store, "spotify", "rematch_duration_mismatches", "song:3");
        var root = (await Store.GetRunAsync(runId, CancellationToken.None))!.RootJobId!.Value;
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        var html = await admin.GetPageAsync($"/admin/research?run={runId}");

        Assert.Equal([child, root], AdminJobsCompliance.JobIds(html));
        Assert.Contains($"Child jobs of run {runId}", AdminClient.Text(html), StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task RunsList_ShowsCounts_AndFiltersByKindStateAndSchedule()
    {
        var sweep = await StartRunAsync(SweepKind, "nightly-rematch");
        var root = (await Store.GetRunAsync(sweep, CancellationToken.None))!.RootJobId!.Value;
        var dead = await JobSeeding.EnqueueAsync(Store, "spotify", "rematch_duration_mismatches", "song:1", runId: sweep);
        var ok = await JobSeeding.EnqueueAsync(Store, "spotify", "rematch_duration_mismatches", "song:2", runId: sweep);
        await JobSeeding.FinishAsync(Store, Time.GetUtcNow(), new Dictionary<long, JobOutcome>
        {
            [root] = JobOutcome.Success(), [dead] = new JobOutcome.Retry("boom"), [ok] = JobOutcome.Success(),
        });
        var manual = await StartRunAsync(SweepKind, null);
        var other = await StartRunAsync("listening/enrich_plays", "hourly-enrich");
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        var all = await admin.GetPageAsync("/admin/runs");
        var byKind = await admin.GetPageAsync($"/admin/runs?kind={Uri.EscapeDataString(SweepKind)}");
        var byState = await admin.GetPageAsync("/admin/runs?state=completed_with_errors");
        var bySchedule = await admin.GetPageAsync("/admin/runs?schedule=hourly-enrich");
        var bad = await admin.GetPageAsync("/admin/runs?state=done");

        Assert.Equal([other, manual, sweep], RunIds(all));
        Assert.Equal([manual, sweep], RunIds(byKind));
        Assert.Equal([sweep], RunIds(byState));
        Assert.Equal([other], RunIds(bySchedule));
        Assert.Empty(RunIds(bad));
        Assert.Contains("<span class=\"field-error\">must be one of running,", bad, StringComparison.Ordinal);
        var row = Regex.Match(byState, $"<tr>\\s*<td class=\"num\"><a href=\"/admin/runs/{sweep}\">.*?</tr>", RegexOptions.Singleline).Value;
        Assert.Equal(
            $"{sweep} {SweepKind} manual nightly-rematch completed_with_errors 2026-11-22 12:00:00Z 0 ms 2 0 1 0 0",
            AdminClient.Text(row));
    }

    [StoreFact]
    public async Task RunsList_NextLinks_WalkEveryRunOnce()
    {
        var ids = new List<long>();
        for (var i = 0; i < 55; i++)
        {
            ids.Add(await StartRunAsync(SweepKind, null));
        }

        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        var first = await admin.GetPageAsync("/admin/runs?state=running");
        var next = AdminJobsCompliance.Link(first, "Next");
        Assert.NotNull(next);
        var second = await admin.GetPageAsync(next);

        Assert.Equal(ids.OrderDescending(), RunIds(first).Concat(RunIds(second)));
        Assert.Null(AdminJobsCompliance.Link(second, "Next"));
        Assert.Equal("/admin/runs?state=running", AdminJobsCompliance.Link(second, "Newest"));
    }

    [StoreFact]
    public async Task RunPage_ForAnUnknownId_Is404()
    {
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        using var response = await admin.GetAsync("/admin/runs/987654");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Run not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<long> StartRunAsync(string kind, string? schedule)
    {
        var fired = await Store.StartRunAsync(new RunStart(kind, AlphaId, "manual", "admin@example.test") { ScheduleName = schedule },
            new NewJob("system", "noop", Guid.NewGuid().ToString("N")) { AccountId = AlphaId, UniqueKey = "", MaxAttempts = 1 }, CancellationToken.None);
        return fired.RunId!.Value;
    }

    private static List<long> RunIds(string html) =>
        RunLink().Matches(html).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    [GeneratedRegex("<td class=\"num\"><a href=\"/admin/runs/(\\d+)\">")]
    private static partial Regex RunLink();
}

public sealed class SqliteAdminRunsTests : AdminRunsCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresAdminRunsTests : AdminRunsCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Storage.PostgresDb.CreateAsync();
}
