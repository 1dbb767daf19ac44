using System.Globalization;
using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Refrain.Catalog;
using Refrain.Jobs;
using Refrain.Providers;
using Refrain.Rematch;
using Refrain.Tests.Http;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Rematch;

/// <summary>
/// <c>POST /api/sweeps/duration-mismatches</c> on both databases: a member's sweep is its account's run and job and reaches
/// only its songs, an admin's is system-wide; dry runs count without starting anything; the threshold is validated strictly.
/// </summary>
public abstract class SweepsApiCompliance : ApiTestBase
{
    private const string Header = "title,artists,album,isrc,duration_ms,spotify_track_id,musicbrainz_recording_id,release_date";

    /// <summary>Imports linked songs into the account's catalog with these canonical durations, then sets each link's track duration.</summary>
    private async Task<long[]> SongsAsync(long accountId, params (int Canonical, int Linked)[] songs)
    {
        var offset = accountId * 100;
        var lines = songs.Select((s, i) => $"Song {offset + i},Artist,,,{s.Canonical},{(offset + i).ToString("D22", CultureInfo.InvariantCulture)},,");
        var result = await new CatalogImporter(Store).ImportAsync(new StringReader(string.Join('\n', [Header, .. lines])), false, accountId, "main", false, CancellationToken.None);
        var ids = (await Store.ReadAsync(c => c.QueryAsync<long>("SELECT id FROM songs WHERE catalog_id = @CatalogId ORDER BY id", new { result.CatalogId }), CancellationToken.None)).ToArray();
        for (var i = 0; i < songs.Length; i++)
        {
            await Store.SetTrackDurationAsync(ids[i], (offset + i).ToString("D22", CultureInfo.InvariantCulture), songs[i].Linked, CancellationToken.None);
        }

        return ids;
    }

    /// <summary>Runs the sweep job as a worker would; returns the re-match jobs it enqueued, by subject.</summary>
    private async Task<IReadOnlyList<JobRecord>> ExecuteSweepAsync(long jobId)
    {
        var job = (await Store.GetJobAsync(jobId, CancellationToken.None))!;
        var context = new JobContext(job, EmptyServices.Instance, Store, Services.GetRequiredService<ProviderGate>(), Time);
        Assert.IsType<JobOutcome.Succeeded>(await new DurationMismatchSweepHandler().ExecuteAsync(context, CancellationToken.None));
        return (await Store.ListJobsAsync(new JobFilter { JobType = RematchJob.JobType }, CancellationToken.None)).OrderBy(j => j.Subject, StringComparer.Ordinal).ToList();
    }

    private Task<long> CountRunsAsync() => Store.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM runs"), CancellationToken.None);

    [StoreFact]
    public async Task Sweep_WithAMemberKey_Is202_AndItsRunAndJobBelongToTheCallersAccountAndReachOnlyItsSongs()
    {
        var alpha = await SongsAsync(AlphaId, (200_000, 300_000), (200_000, 201_000));
        await SongsAsync(BetaId, (200_000, 300_000));

        var response = await Alpha.PostAsync("/api/sweeps/duration-mismatches", Json("""{"threshold_seconds": 90, "dry_run": false}"""));
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var runId = body.GetProperty("run_id").GetInt64();
        var jobId = body.GetProperty("job_id").GetInt64();
        Assert.Equal($"/api/tasks/runs/{runId}", response.Headers.Location?.OriginalString);
        var run = (await Store.GetRunAsync(runId, CancellationToken.None))!;
        var job = (await Store.GetJobAsync(jobId, CancellationToken.None))!;
        Assert.Equal((AlphaId, "api", jobId), (run.AccountId, run.TriggerType, run.RootJobId));
        Assert.Equal((AlphaId, runId, DurationMismatchSweepHandler.JobType), (job.AccountId, job.RunId, job.JobType));
        Assert.Equal(90, JsonDocument.Parse(job.Args).RootElement.GetProperty("threshold_seconds").GetInt32());

        var rematches = await ExecuteSweepAsync(jobId);

        var only = Assert.Single(rematches);
        Assert.Equal(($"song:{alpha[0]}", AlphaId, runId), (only.Subject, only.AccountId, only.RunId));
    }

    [StoreFact]
    public async Task Sweep_WithAnAdminKey_IsSystemWide()
    {
        var alpha = await SongsAsync(AlphaId, (200_000, 300_000));
        var beta = await SongsAsync(BetaId, (200_000, 300_000));

        var body = await ReadJsonAsync(await Admin.PostAsync("/api/sweeps/duration-mismatches", Json("{}")));

        var run = (await Store.GetRunAsync(body.GetProperty("run_id").GetInt64(), CancellationToken.None))!;
        var job = (await Store.GetJobAsync(body.GetProperty("job_id").GetInt64(), CancellationToken.None))!;
        Assert.Null(run.AccountId);
        Assert.Null(job.AccountId);
        var rematches = await ExecuteSweepAsync(job.Id);
        Assert.Equal([($"song:{alpha[0]}", AlphaId), ($"song:{beta[0]}", BetaId)], rematches.Select(j => (j.Subject, j.AccountId)));
    }

    [StoreFact]
    public async Task Sweep_WithoutABody_UsesTheDefaultThreshold()
    {
        var response = await Alpha.PostAsync("/api/sweeps/duration-mismatches", null);
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = (await Store.GetJobAsync(body.GetProperty("job_id").GetInt64(), CancellationToken.None))!;
        Assert.Equal(SweepArgs.DefaultThresholdSeconds, JsonDocument.Parse(job.Args).RootElement.GetProperty("threshold_seconds").GetInt32());
    }

    [StoreFact]
    public async Task Sweep_WithAThresholdThatIsNotAnIntegerFrom1To3600_Is400NamingIt_AndStartsNothing()
    {
        foreach (var threshold in new[] { "0", "3601", "-5", "\"60\"", "60.5", "true", "1e3" })
        {
            foreach (var dryRun in new[] { "false", "true" })
            {
                var response = await Alpha.PostAsync("/api/sweeps/duration-mismatches", Json($$"""{"threshold_seconds": {{threshold}}, "dry_run": {{dryRun}}}"""));
                var problem = await AssertProblemAsync(response, 400);
                Assert.True(problem.GetProperty("field").GetString() == "threshold_seconds", $"{threshold}: {problem}");
            }
        }

        Assert.Equal(0, await CountRunsAsync());
    }

    [StoreFact]
    public async Task Sweep_WithAnUnknownMember_Is400NamingIt()
    {
        var problem = await AssertProblemAsync(await Alpha.PostAsync("/api/sweeps/duration-mismatches", Json("""{"threshold": 60}""")), 400);

        Assert.Equal("threshold", problem.GetProperty("field").GetString());
        Assert.Equal(0, await CountRunsAsync());
    }

    [StoreFact]
    public async Task DryRun_CountsOnlyTheCallersSongsWithASample_AndStartsNothing()
    {
        var alpha = await SongsAsync(AlphaId, (200_000, 300_000), (200_000, 130_000), (200_000, 201_000));
        await SongsAsync(BetaId, (200_000, 300_000));

        var response = await Alpha.PostAsync("/api/sweeps/duration-mismatches", Json("""{"dry_run": true}"""));
        var body = await ReadJsonAsync(response);
        var admin = await ReadJsonAsync(await Admin.PostAsync("/api/sweeps/duration-mismatches", Json("""{"dry_run": true, "threshold_seconds": 75}""")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((2, 60), (body.GetProperty("would_enqueue").GetInt64(), body.GetProperty("threshold_seconds").GetInt32()));
        var sample = body.GetProperty("sample").EnumerateArray().ToList();
        Assert.Equal([alpha[0], alpha[1]], sample.Select(s => s.GetProperty("song_id").GetInt64()));
        Assert.Equal((100_000, 70_000), (sample[0].GetProperty("delta_ms").GetInt64(), sample[1].GetProperty("delta_ms").GetInt64()));
        Assert.Equal(["Artist"], sample[0].GetProperty("artists").EnumerateArray().Select(a => a.GetString()));
        // 75 s: alpha's 70 s delta is left out; both accounts' 100 s deltas count.
        Assert.Equal(2, admin.GetProperty("would_enqueue").GetInt64());
        Assert.Equal(0, await CountRunsAsync());
        Assert.Empty(await Store.ListJobsAsync(new JobFilter { JobType = DurationMismatchSweepHandler.JobType }, CancellationToken.None));
    }
}

public sealed class SqliteSweepsApiTests : SweepsApiCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresSweepsApiTests : SweepsApiCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Storage.PostgresDb.CreateAsync();
}
