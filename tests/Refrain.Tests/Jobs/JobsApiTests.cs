using System.Net;
using Refrain.Jobs;
using Refrain.Tests.Http;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Jobs;

/// <summary>/api/jobs: filters, keyset pages bound to their query, one job, retry and cancel, all scoped to the caller's account.</summary>
public abstract class JobsApiCompliance : ApiTestBase
{
    [StoreFact]
    public async Task List_FiltersBySourceTypeStateAndQuery_NewestFirst()
    {
        await EnqueueAsync(AlphaId, "spotify", "rematch_duration_mismatches", "song:1");
        var second = await EnqueueAsync(AlphaId, "spotify", "rematch_duration_mismatches", "song:2");
        await EnqueueAsync(AlphaId, "spotify", "refresh_link", "song:3");
        await EnqueueAsync(AlphaId, "musicbrainz", "refresh_recording", "song:2");
        await Store.CancelAsync(new JobFilter { JobId = second }, CancellationToken.None);

        var all = await ReadJsonAsync(await Alpha.GetAsync("/api/jobs?source=spotify&job_type=rematch_duration_mismatches"));
        var cancelled = await ReadJsonAsync(await Alpha.GetAsync("/api/jobs?source=spotify&job_type=rematch_duration_mismatches&state=cancelled"));
        var searched = await ReadJsonAsync(await Alpha.GetAsync("/api/jobs?q=song:2"));

        Assert.Equal(["song:2", "song:1"], all.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("subject").GetString()));
        Assert.Equal(second, Assert.Single(cancelled.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Equal(["musicbrainz", "spotify"], searched.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("source").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, all.GetProperty("next_cursor").ValueKind);
    }

    [StoreFact]
    public async Task List_PagesWithCursor_UntilTheLastPageHasNone()
    {
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await EnqueueAsync(AlphaId, "spotify", "refresh_link", $"song:{i}"));
        }

        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await ReadJsonAsync(await Alpha.GetAsync($"/api/jobs?source=spotify&limit=2{(cursor is null ? "" : $"&cursor={cursor}")}"));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("id").GetInt64()));
            cursor = page.GetProperty("next_cursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(ids.OrderDescending(), seen);
    }

    [StoreFact]
    public async Task List_WithCursorOfAnotherQuery_Is400NamingCursor()
    {
        for (var i = 0; i < 3; i++)
        {
            await EnqueueAsync(AlphaId, "spotify", "refresh_link", $"song:{i}");
        }

        var first = await ReadJsonAsync(await Alpha.GetAsync("/api/jobs?source=spotify&limit=1"));
        var cursor = first.GetProperty("next_cursor").GetString();

        var other = await AssertProblemAsync(await Alpha.GetAsync($"/api/jobs?source=musicbrainz&limit=1&cursor={cursor}"), 400);
        var garbage = await AssertProblemAsync(await Alpha.GetAsync("/api/jobs?cursor=%%%garbage"), 400);
        var otherAccount = await AssertProblemAsync(await Beta.GetAsync($"/api/jobs?source=spotify&limit=1&cursor={cursor}"), 400);

        Assert.All(new[] { other, garbage, otherAccount }, p => Assert.Equal("cursor", p.GetProperty("field").GetString()));
    }

    [StoreFact]
    public async Task List_WithBadFilters_Is400NamingTheField()
    {
        Assert.Equal("state", (await AssertProblemAsync(await Alpha.GetAsync("/api/jobs?state=exploded"), 400)).GetProperty("field").GetString());
        Assert.Equal("limit", (await AssertProblemAsync(await Alpha.GetAsync("/api/jobs?limit=0"), 400)).GetProperty("field").GetString());
        var notNumber = await AssertProblemAsync(await Alpha.GetAsync("/api/jobs?run_id=abc"), 400);
        Assert.Contains("run_id", notNumber.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [StoreFact]
    public async Task List_NeverShowsAnotherAccountsOrSystemJobs_ToAMemberKey_ButAdminSeesAll()
    {
        await EnqueueAsync(AlphaId, "spotify", "refresh_link", "alpha");
        await EnqueueAsync(BetaId, "spotify", "refresh_link", "beta");
        await EnqueueAsync(null, "system", "noop", "system");

        var alpha = await ReadJsonAsync(await Alpha.GetAsync("/api/jobs"));
        var admin = await ReadJsonAsync(await Admin.GetAsync("/api/jobs"));

        Assert.Equal(["alpha"], alpha.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("subject").GetString()));
        Assert.Equal(["system", "beta", "alpha"], admin.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("subject").GetString()));
    }

    [StoreFact]
    public async Task Get_ShowsArgsAsJson_AndAnotherAccountsJobIs404()
    {
        var id = await EnqueueAsync(AlphaId, "spotify", "sweep_duration_mismatches", "s", """{"threshold_seconds": 60}""");

        var job = await ReadJsonAsync(await Alpha.GetAsync($"/api/jobs/{id}"));

        Assert.Equal(60, job.GetProperty("args").GetProperty("threshold_seconds").GetInt32());
        Assert.Equal("pending", job.GetProperty("state").GetString());
        Assert.Equal(AlphaId, job.GetProperty("account_id").GetInt64());
        var hidden = await AssertProblemAsync(await Beta.GetAsync($"/api/jobs/{id}"), 404);
        var missing = await AssertProblemAsync(await Beta.GetAsync($"/api/jobs/{id + 1000}"), 404);
        Assert.Equal(missing.GetProperty("title").GetString(), hidden.GetProperty("title").GetString());
    }

    [StoreFact]
    public async Task CancelThenRetry_MoveTheJob_AndAnotherAccountCannotTouchIt()
    {
        var id = await EnqueueAsync(AlphaId, "spotify", "refresh_link", "song:1");

        await AssertProblemAsync(await Beta.PostAsync($"/api/jobs/{id}/cancel", null), 404);
        Assert.Equal(JobState.Pending, (await Store.GetJobAsync(id, CancellationToken.None))!.State);

        var cancelled = await ReadJsonAsync(await Alpha.PostAsync($"/api/jobs/{id}/cancel", null));
        Assert.Equal("cancelled", cancelled.GetProperty("state").GetString());
        await AssertProblemAsync(await Alpha.PostAsync($"/api/jobs/{id}/cancel", null), 409);
        await AssertProblemAsync(await Beta.PostAsync($"/api/jobs/{id}/retry", null), 404);

        var retried = await ReadJsonAsync(await Alpha.PostAsync($"/api/jobs/{id}/retry", null));
        Assert.Equal("pending", retried.GetProperty("state").GetString());
        Assert.Equal(JobState.Pending, (await Store.GetJobAsync(id, CancellationToken.None))!.State);
    }

    [StoreFact]
    public async Task UnknownRoute_IsAProblemDetail()
    {
        var response = await Alpha.GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    protected async Task<long> EnqueueAsync(long? accountId, string source, string jobType, string subject, string args = "{}") =>
        (await Store.EnqueueAsync(new NewJob(source, jobType, subject) { AccountId = accountId, Args = args, UniqueKey = "" }, CancellationToken.None)).JobId;
}

public sealed class SqliteJobsApiTests : JobsApiCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresJobsApiTests : JobsApiCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Storage.PostgresDb.CreateAsync();
}
