using System.Net;
using System.Text.RegularExpressions;
using Refrain.Jobs;
using Refrain.Tests.Http;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Admin.Jobs;

/// <summary>
/// Issue 7, the dashboard's jobs pages over real HTTP: the seeds' <c>/admin/research</c> filters show exactly the matching
/// jobs, keyset pages show every job once, a job page shows its args and error, and retry, cancel and "Retry all matching"
/// move exactly the jobs they should.
/// </summary>
public abstract partial class AdminJobsCompliance : ApiTestBase
{
    private const string Rematch = "rematch_duration_mismatches";

    [StoreFact]
    public async Task Research_FilteredBySourceJobTypeAndState_ShowsExactlyTheMatchingJobs_AndKeepsTheFilterInTheForm()
    {
        var deadA = await EnqueueAsync("spotify", Rematch, "song:1");
        var deadB = await EnqueueAsync("spotify", Rematch, "song:2");
        var failed = await EnqueueAsync("spotify", Rematch, "song:3");
        var otherType = await EnqueueAsync("spotify", "refresh_link", "song:4");
        var otherSource = await EnqueueAsync("musicbrainz", Rematch, "song:5");
        await JobSeeding.FinishAsync(Store, Time.GetUtcNow(), new Dictionary<long, JobOutcome>
        {
            [deadA] = new JobOutcome.Retry("upstream 500"), [deadB] = new JobOutcome.Retry("upstream 500"), [failed] = new JobOutcome.Permanent("bad data"),
            [otherType] = new JobOutcome.Retry("upstream 500"), [otherSource] = new JobOutcome.Retry("upstream 500"),
        });
        var pending = await EnqueueAsync("spotify", Rematch, "song:6");
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        var dead = await admin.GetPageAsync($"/admin/research/?source=spotify&job_type={Rematch}&state=dead");
        var bySourceAndType = await admin.GetPageAsync($"/admin/research?source=spotify&job_type={Rematch}");
        var bySource = await admin.GetPageAsync("/admin/research?source=spotify");
        var byState = await admin.GetPageAsync("/admin/research?state=pending");
        var all = await admin.GetPageAsync("/admin/research");

        Assert.Equal([deadB, deadA], JobIds(dead));
        Assert.Equal([pending, failed, deadB, deadA], JobIds(bySourceAndType));
        Assert.Equal([pending, otherType, failed, deadB, deadA], JobIds(bySource));
        Assert.Equal([pending], JobIds(byState));
        Assert.Equal([pending, otherSource, otherType, failed, deadB, deadA], JobIds(all));
        Assert.Contains("<span class=\"state dead\">dead</span>", dead, StringComparison.Ordinal);
        Assert.DoesNotContain("<span class=\"state failed\">", dead, StringComparison.Ordinal);
        foreach (var label in new[] { "Source", "Job type", "State", "Search", "Account" })
        {
            Assert.Contains($">{label}</label>", dead, StringComparison.Ordinal);
        }

        Assert.Contains("name=\"source\" value=\"spotify\"", dead, StringComparison.Ordinal);
        Assert.Contains($"name=\"job_type\" value=\"{Rematch}\"", dead, StringComparison.Ordinal);
        Assert.Contains("<option value=\"dead\" selected=\"selected\">", dead, StringComparison.Ordinal);
        Assert.Contains("upstream 500", AdminClient.Text(dead), StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Research_FilteredByAccountAndSearch_ShowsOnlyThoseJobs()
    {
        var alpha = await EnqueueAsync("spotify", Rematch, "song:812", AlphaId, """{"song_id": 812}""");
        await EnqueueAsync("spotify", Rematch, "song:813", BetaId);
        await EnqueueAsync("spotify", Rematch, "song:9", AlphaId);
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        var byAccount = await admin.GetPageAsync($"/admin/research?account={AlphaId}&q=812");
        var bySearch = await admin.GetPageAsync("/admin/research?q=song:81");

        Assert.Equal([alpha], JobIds(byAccount));
        Assert.Equal(2, JobIds(bySearch).Count);
        Assert.Contains("Search has no index", AdminClient.Text(bySearch), StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Research_WithBadFilterValues_ShowsTheErrorBesideTheField_AndNoJobs()
    {
        await EnqueueAsync("spotify", Rematch, "song:1");
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        var html = await admin.GetPageAsync("/admin/research?state=exploded&account=abc");

        Assert.Empty(JobIds(html));
        Assert.Contains("<span class=\"field-error\">must be one of pending,", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"field-error\">must be a number</span>", html, StringComparison.Ordinal);
        Assert.Contains("name=\"account\" value=\"abc\"", html, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Research_NextLinks_WalkEveryJobOnce_NewestFirst_InPagesOf50()
    {
        var ids = new List<long>();
        for (var i = 0; i < 120; i++)
        {
            ids.Add(await EnqueueAsync("spotify", i % 2 == 0 ? Rematch : "refresh_link", $"song:{i}"));
        }

        await EnqueueAsync("musicbrainz", Rematch, "elsewhere");
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        var seen = new List<long>();
        var pages = new List<string>();
        string? next = "/admin/research?source=spotify";
        while (next is not null && pages.Count < 10)
        {
            var html = await admin.GetPageAsync(next);
            pages.Add(html);
            seen.AddRange(JobIds(html));
            next = Link(html, "Next");
        }

        Assert.Equal([50, 50, 20], pages.Select(p => JobIds(p).Count));
        Assert.Equal(ids.OrderDescending(), seen);
        Assert.Null(Link(pages[0], "Newest"));
        Assert.Equal("/admin/research?source=spotify", Link(pages[1], "Newest"));
        Assert.Contains("source=spotify", Link(pages[0], "Next"), StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task JobPage_ShowsFactsArgsAndError_AndRetryMakesTheDeadJobPending()
    {
        var id = await EnqueueAsync("spotify", Rematch, "song:812", AlphaId, """{"song_id":812,"threshold_seconds":60}""");
        await JobSeeding.FinishAsync(Store, Time.GetUtcNow(), new Dictionary<long, JobOutcome> { [id] = new JobOutcome.Retry("Spotify answered 503 Service Unavailable") });
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        var html = await admin.GetPageAsync($"/admin/research/{id}");

        Assert.Contains("<pre>{\n  \"song_id\": 812,\n  \"threshold_seconds\": 60\n}</pre>", WebUtility.HtmlDecode(html).Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        var text = AdminClient.Text(html);
        Assert.Contains("Spotify answered 503 Service Unavailable", text, StringComparison.Ordinal);
        Assert.Contains("Attempts 1 of 1", text, StringComparison.Ordinal);
        Assert.Contains("Source spotify", text, StringComparison.Ordinal);
        Assert.Contains($"Job type {Rematch}", text, StringComparison.Ordinal);
        Assert.Contains($"Account {AlphaId}", text, StringComparison.Ordinal);
        Assert.Contains("<span class=\"state dead\">dead</span>", html, StringComparison.Ordinal);
        Assert.Contains(">Retry</button>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">Cancel</button>", html, StringComparison.Ordinal);

        using var retry = await admin.PostFormAsync($"/admin/research/{id}?handler=Retry", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        Assert.Equal($"/admin/research/{id}", retry.Headers.Location?.OriginalString);
        var job = (await Store.GetJobAsync(id, CancellationToken.None))!;
        Assert.Equal(JobState.Pending, job.State);
        Assert.Equal(0, job.Attempts);
        var after = await admin.GetPageAsync($"/admin/research/{id}");
        Assert.Contains($"Retried job {id}", AdminClient.Text(after), StringComparison.Ordinal);
        Assert.Contains(">Cancel</button>", after, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task JobPage_Cancel_CancelsThePendingJob_AndASecondCancelSaysWhyNot()
    {
        var id = await EnqueueAsync("spotify", Rematch, "song:1");
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        using var cancel = await admin.PostFormAsync($"/admin/research/{id}?handler=Cancel", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        Assert.Equal(JobState.Cancelled, (await Store.GetJobAsync(id, CancellationToken.None))!.State);
        Assert.Contains($"Cancelled job {id}", AdminClient.Text(await admin.GetPageAsync($"/admin/research/{id}")), StringComparison.Ordinal);

        using var again = await admin.PostFormAsync($"/admin/research/{id}?handler=Cancel", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains($"Job {id} is cancelled: only pending or running jobs are cancelled.",
            AdminClient.Text(await admin.GetPageAsync($"/admin/research/{id}")), StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task RetryAllMatching_RetriesExactlyTheMatchingDeadAndFailedJobs()
    {
        var deadA = await EnqueueAsync("spotify", Rematch, "song:1");
        var deadB = await EnqueueAsync("spotify", Rematch, "song:2");
        var failed = await EnqueueAsync("spotify", Rematch, "song:3");
        var succeeded = await EnqueueAsync("spotify", Rematch, "song:4");
        var otherType = await EnqueueAsync("spotify", "refresh_link", "song:5");
        var otherSource = await EnqueueAsync("musicbrainz", Rematch, "song:6");
        await JobSeeding.FinishAsync(Store, Time.GetUtcNow(), new Dictionary<long, JobOutcome>
        {
            [deadA] = new JobOutcome.Retry("boom"), [deadB] = new JobOutcome.Retry("boom"), [failed] = new JobOutcome.Permanent("bad"),
            [succeeded] = JobOutcome.Success(), [otherType] = new JobOutcome.Retry("boom"), [otherSource] = new JobOutcome.Retry("boom"),
        });
        var pending = await EnqueueAsync("spotify", Rematch, "song:8");
        var toCancel = await EnqueueAsync("spotify", Rematch, "song:9");
        await Store.CancelAsync(new JobFilter { JobId = toCancel }, CancellationToken.None);
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);
        var filter = new Dictionary<string, string> { ["source"] = "spotify", ["job_type"] = Rematch, ["state"] = "", ["q"] = "", ["account"] = "", ["run"] = "" };

        using var response = await admin.PostFormAsync("/admin/research?handler=RetryAll", filter);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/admin/research?source=spotify&job_type={Rematch}", response.Headers.Location?.OriginalString);
        var states = new Dictionary<long, string>();
        foreach (var id in new[] { deadA, deadB, failed, succeeded, otherType, otherSource, pending, toCancel })
        {
            states[id] = (await Store.GetJobAsync(id, CancellationToken.None))!.State;
        }

        Assert.Equal(JobState.Pending, states[deadA]);
        Assert.Equal(JobState.Pending, states[deadB]);
        Assert.Equal(JobState.Pending, states[failed]);
        Assert.Equal(JobState.Succeeded, states[succeeded]);
        Assert.Equal(JobState.Dead, states[otherType]);
        Assert.Equal(JobState.Dead, states[otherSource]);
        Assert.Equal(JobState.Pending, states[pending]);
        Assert.Equal(JobState.Cancelled, states[toCancel]);
        Assert.Contains("Retried 3 jobs", AdminClient.Text(await admin.GetPageAsync(response.Headers.Location!.OriginalString)), StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task RetryAllMatching_WithAStateFilter_RetriesOnlyThatState()
    {
        var dead = await EnqueueAsync("spotify", Rematch, "song:1");
        var failed = await EnqueueAsync("spotify", Rematch, "song:2");
        await JobSeeding.FinishAsync(Store, Time.GetUtcNow(), new Dictionary<long, JobOutcome>
        {
            [dead] = new JobOutcome.Retry("boom"), [failed] = new JobOutcome.Permanent("bad"),
        });
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        using var response = await admin.PostFormAsync("/admin/research?handler=RetryAll", new Dictionary<string, string> { ["state"] = "failed" });

        Assert.Equal("/admin/research?state=failed", response.Headers.Location?.OriginalString);
        Assert.Equal(JobState.Dead, (await Store.GetJobAsync(dead, CancellationToken.None))!.State);
        Assert.Equal(JobState.Pending, (await Store.GetJobAsync(failed, CancellationToken.None))!.State);
        Assert.Contains("Retried 1 job", AdminClient.Text(await admin.GetPageAsync("/admin/research?state=failed")), StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task JobPage_ForAnUnknownId_Is404()
    {
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        using var response = await admin.GetAsync("/admin/research/987654");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Job not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Posts_WithoutTheAntiforgeryToken_Are400_AndChangeNothing()
    {
        var id = await EnqueueAsync("spotify", Rematch, "song:1");
        await JobSeeding.FinishAsync(Store, Time.GetUtcNow(), new Dictionary<long, JobOutcome> { [id] = new JobOutcome.Retry("boom") });
        var pending = await EnqueueAsync("spotify", Rematch, "song:2");
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        using var retry = await admin.PostRawAsync($"/admin/research/{id}?handler=Retry", []);
        using var cancel = await admin.PostRawAsync($"/admin/research/{pending}?handler=Cancel", []);
        using var bulk = await admin.PostRawAsync("/admin/research?handler=RetryAll", [new("source", "spotify")]);

        Assert.Equal(HttpStatusCode.BadRequest, retry.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bulk.StatusCode);
        Assert.Equal(JobState.Dead, (await Store.GetJobAsync(id, CancellationToken.None))!.State);
        Assert.Equal(JobState.Pending, (await Store.GetJobAsync(pending, CancellationToken.None))!.State);
    }

    private Task<long> EnqueueAsync(string source, string jobType, string subject, long? accountId = null, string args = "{}") =>
        JobSeeding.EnqueueAsync(Store, source, jobType, subject, accountId, args);

    /// <summary>The job ids the table links to, in page order.</summary>
    internal static List<long> JobIds(string html) =>
        JobLink().Matches(html).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    /// <summary>The href of the link with this text, HTML-decoded, or null.</summary>
    internal static string? Link(string html, string text)
    {
        var match = Regex.Match(html, $"<a href=\"([^\"]*)\">{Regex.Escape(text)}</a>");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("<td class=\"num\"><a href=\"/admin/research/(\\d+)\">")]
    private static partial Regex JobLink();
}

public sealed class SqliteAdminJobsTests : AdminJobsCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresAdminJobsTests : AdminJobsCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Storage.PostgresDb.CreateAsync();
}
