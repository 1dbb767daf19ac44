using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Refrain.Jobs;
using Refrain.Measurements;
using Refrain.Measurements.Quota;
using Refrain.Providers;
using Refrain.Providers.Songstats;
using Refrain.Sandbox;

namespace Refrain.Tests.Providers;

/// <summary>
/// The Songstats client against the sandbox over real HTTP: the apikey header, cumulative totals by date, 404 as no data,
/// bodies of the wrong shape as unparseable retries, and one paid (ledgered) unit per request, timeouts included.
/// </summary>
public sealed class SongstatsClientTests : ProviderTestBase
{
    private static readonly DateOnly From = new(2015, 1, 1);
    private static readonly DateOnly To = new(2026, 11, 21);

    private static IEnumerable<string> Isrcs => Enumerable.Range(1, 2000).Select(i => $"QZS7A26{i:00000}");

    private static string WithHistory => Isrcs.First(i => SongstatsHistories.HasHistory(i) && SongstatsHistories.DipDay(i) is not null);

    private static string WithoutHistory => Isrcs.First(i => !SongstatsHistories.HasHistory(i));

    private SongstatsClient Client(SandboxServer sandbox, QuotaLimits? limits = null, string? apiKey = null, TimeSpan? timeout = null) =>
        new(new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(20) },
            new SongstatsOptions { BaseUrl = sandbox.BaseUrl, ApiKey = apiKey ?? sandbox.Options.SongstatsApiKey },
            new QuotaService(Store, Time, limits ?? new QuotaLimits()), Time, NullLogger<SongstatsClient>.Instance);

    private Task<long> CountAsync(string sql) => Store.ReadAsync(c => c.ExecuteScalarAsync<long>(sql), CancellationToken.None);

    [Fact]
    public async Task GetHistory_WithTheApiKey_ReturnsTheCumulativeTotalsByDate()
    {
        await using var sandbox = await StartSandboxAsync();
        var (job, call) = await JobCallAsync(SongstatsClient.Provider);
        var isrc = WithHistory;

        var result = await Client(sandbox).GetHistoryAsync(call, 1, isrc.ToLowerInvariant(), From, To, CancellationToken.None);

        Assert.True(result.IsOk, result.Outcome?.ToString());
        Assert.Equal(isrc, result.Value!.Isrc);
        Assert.Equal(SongstatsHistories.History(isrc, From, To).Select(p => new DailyTotal(p.Date, p.Total)), result.Value.Points);
        // The generator's own gaps and its dip reach the client as served.
        var dip = SongstatsHistories.DipDay(isrc)!.Value;
        var byDate = result.Value.Points.ToDictionary(p => p.Date, p => p.Total);
        Assert.Equal(byDate[dip.AddDays(-1)] - SongstatsHistories.Dip, byDate[dip]);
        Assert.Equal(1, sandbox.RequestCount(SandboxEndpoints.SongstatsHistory));
        Assert.Equal(job.Id, await CountAsync("SELECT job_id FROM quota_ledger WHERE outcome = 'http 200'"));
    }

    [Fact]
    public async Task GetHistory_WithAWrongApiKey_IsPermanentAndStillLedgered()
    {
        await using var sandbox = await StartSandboxAsync();
        var (_, call) = await JobCallAsync(SongstatsClient.Provider);

        var result = await Client(sandbox, apiKey: "not-the-key").GetHistoryAsync(call, 1, WithHistory, From, To, CancellationToken.None);

        var permanent = Assert.IsType<JobOutcome.Permanent>(result.Outcome);
        Assert.Contains("401", permanent.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-key", permanent.Error, StringComparison.Ordinal);
        Assert.Equal("http 401", await Store.ReadAsync(c => c.ExecuteScalarAsync<string>("SELECT outcome FROM quota_ledger"), CancellationToken.None));
    }

    [Fact]
    public async Task GetHistory_AnIsrcWithoutHistory_IsNoData()
    {
        await using var sandbox = await StartSandboxAsync();
        var (_, call) = await JobCallAsync(SongstatsClient.Provider);

        var result = await Client(sandbox).GetHistoryAsync(call, 1, WithoutHistory, From, To, CancellationToken.None);

        Assert.IsType<JobOutcome.NoData>(result.Outcome);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM quota_ledger WHERE outcome = 'http 404'"));
    }

    [Fact]
    public async Task GetHistory_ABodyOfTheWrongShape_IsRetryMarkedUnparseableWithTheReason()
    {
        await using var sandbox = await StartSandboxAsync(o => o.SongstatsWrongShapeRate = 1);
        var (_, call) = await JobCallAsync(SongstatsClient.Provider);

        var result = await Client(sandbox).GetHistoryAsync(call, 1, WithHistory, From, To, CancellationToken.None);

        var retry = Assert.IsType<JobOutcome.Retry>(result.Outcome);
        Assert.True(retry.Unparseable);
        Assert.Contains("no \"stats\" array", retry.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHistory_ACutBody_IsRetryMarkedUnparseable()
    {
        await using var sandbox = await StartSandboxAsync(o => o.Songstats.MalformedRate = 1);
        var (_, call) = await JobCallAsync(SongstatsClient.Provider);

        var result = await Client(sandbox).GetHistoryAsync(call, 1, WithHistory, From, To, CancellationToken.None);

        Assert.True(Assert.IsType<JobOutcome.Retry>(result.Outcome).Unparseable);
    }

    [Fact]
    public async Task GetHistory_ATimeout_IsRetryAndTheUnitStaysSpent()
    {
        await using var sandbox = await StartSandboxAsync(o => o.Songstats.TimeoutRate = 1);
        var (_, call) = await JobCallAsync(SongstatsClient.Provider);

        var result = await Client(sandbox, timeout: TimeSpan.FromMilliseconds(300)).GetHistoryAsync(call, 1, WithHistory, From, To, CancellationToken.None);

        Assert.StartsWith("request timed out", Assert.IsType<JobOutcome.Retry>(result.Outcome).Error, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync("SELECT used FROM quota_usage WHERE provider = 'songstats' AND account_id = 0"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM quota_ledger WHERE outcome = 'timeout'"));
    }

    [Fact]
    public async Task GetHistory_ARunOfCallsWithFaults_LedgersExactlyWhatTheSandboxReceived()
    {
        await using var sandbox = await StartSandboxAsync(o =>
        {
            o.Songstats.ServerErrorRate = 0.3;
            o.Songstats.MalformedRate = 0.1;
        });
        var limits = new QuotaLimits();
        limits.CostPerCallUsd["songstats"] = 0.02m;
        var client = Client(sandbox, limits);
        var outcomes = new List<JobOutcome?>();

        foreach (var isrc in Isrcs.Take(25))
        {
            var (_, call) = await JobCallAsync(SongstatsClient.Provider);
            outcomes.Add((await client.GetHistoryAsync(call, 1, isrc, From, To, CancellationToken.None)).Outcome);
        }

        Assert.Contains(outcomes, o => o is null);
        Assert.Contains(outcomes, o => o is JobOutcome.Retry);
        Assert.Equal((25L, 500_000L), await Store.SumQuotaLedgerAsync("songstats", 1, CancellationToken.None));
        Assert.Equal(25, sandbox.RequestCount(SandboxEndpoints.SongstatsHistory));
    }

    [Fact]
    public async Task GetHistory_WhenTheCapIsSpent_SnoozesUntilNextMonthWithoutARequest()
    {
        await using var sandbox = await StartSandboxAsync();
        var limits = new QuotaLimits();
        limits.ProviderCaps["songstats"] = 1;
        var client = Client(sandbox, limits);
        var (_, first) = await JobCallAsync(SongstatsClient.Provider);
        Assert.True((await client.GetHistoryAsync(first, 1, WithHistory, From, To, CancellationToken.None)).IsOk);
        var (_, second) = await JobCallAsync(SongstatsClient.Provider);

        var result = await client.GetHistoryAsync(second, 1, WithHistory, From, To, CancellationToken.None);

        var snooze = Assert.IsType<JobOutcome.Snooze>(result.Outcome);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), snooze.Until);
        Assert.Equal(1, sandbox.RequestCount(SandboxEndpoints.SongstatsHistory));
    }

    [Fact]
    public async Task GetHistory_OutsideAJob_ThrowsWithAOneLineMessage()
    {
        await using var sandbox = await StartSandboxAsync();
        var call = ProviderCall.Direct(Gate(), Store, Time, SongstatsClient.Provider);

        var ex = await Assert.ThrowsAsync<ProviderException>(() => Client(sandbox).GetHistoryAsync(call, null, WithoutHistory, From, To, CancellationToken.None));

        Assert.Contains(WithoutHistory, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HistoryRange_StartsAtTheReleaseDateElseTheSettingAndEndsYesterdayUtc()
    {
        await using var sandbox = await StartSandboxAsync();
        var client = Client(sandbox);

        Assert.Equal(new DateOnly(2015, 1, 1), client.HistoryStart(null));
        Assert.Equal(new DateOnly(2019, 6, 21), client.HistoryStart(new DateOnly(2019, 6, 21)));
        // The test clock is 2026-11-22T12:00Z.
        Assert.Equal(new DateOnly(2026, 11, 21), client.HistoryEnd());
        Time.SetUtcNow(new DateTimeOffset(2026, 11, 22, 23, 59, 59, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2026, 11, 21), client.HistoryEnd());
    }
}
