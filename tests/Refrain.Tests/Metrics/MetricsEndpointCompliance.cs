using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Refrain.Jobs;
using Refrain.Metrics;
using Refrain.Providers;
using Refrain.Providers.Spotify;
using Refrain.Runs;
using Refrain.Sandbox;
using Refrain.Tests.Http;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Metrics;

/// <summary>
/// <c>/metrics</c> and <c>/health*</c> over real HTTP on both databases, from a node that has done work: jobs run by its worker
/// (one of them a run), a Spotify sandbox that answers every API request with 429, so the provider is paused.
/// </summary>
public abstract class MetricsEndpointCompliance(MetricsEndpointCompliance.ThrottlingSandbox sandbox) : ApiTestBase
{
    /// <summary>A Spotify sandbox whose API refuses every request with a rate 429 (its token endpoint still answers).</summary>
    public sealed class ThrottlingSandbox : IAsyncLifetime
    {
        public SandboxServer Server { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var options = new SandboxOptions { Songs = 20 };
            options.Spotify.RequestsPerWindow = 0;
            options.Spotify.TooManyRequestsRate = 1;
            Server = await SandboxServer.StartAsync(options, CancellationToken.None);
        }

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }

    protected override Dictionary<string, string?> Settings => SandboxSettings.Spotify(sandbox.Server);

    /// <summary>Makes the database unreachable for the running server.</summary>
    protected abstract Task LoseDatabaseAsync();

    /// <summary>Four noop jobs (one the root of a run), a job for later, and one Spotify request answered 429.</summary>
    protected async Task DoSomeWorkAsync()
    {
        await Store.EnqueueManyAsync([
            new NewJob("system", "noop", "1"), new NewJob("system", "noop", "2"), new NewJob("system", "noop", "3"),
            new NewJob("system", "noop", "later") { RunAt = Time.GetUtcNow().AddHours(1) },
        ], CancellationToken.None);
        await Store.StartRunAsync(new RunStart("system/noop", null, "manual", "test"), new NewJob("system", "noop", "run"), CancellationToken.None);
        var worker = new Worker(Store, Services.GetRequiredService<JobHandlerRegistry>(), Services.GetRequiredService<ProviderGate>(), Services,
            new WorkerOptions { Slots = new() { ["*"] = 2 }, PollInterval = TimeSpan.FromMilliseconds(20) }, TimeProvider.System,
            Services.GetRequiredService<EngineMetrics>(), NullLogger<Worker>.Instance);
        using (var stop = new CancellationTokenSource())
        {
            var running = worker.RunAsync(stop.Token);
            await Eventually.WaitAsync(() => Task.FromResult(worker.Stats.Committed == 4), "4 committed completions");
            await stop.CancelAsync();
            await running;
        }

        var call = ProviderCall.Direct(Services.GetRequiredService<ProviderGate>(), Store, Time, SpotifyClient.Provider);
        await Assert.ThrowsAsync<ProviderException>(() =>
            Services.GetRequiredService<SpotifyClient>().GetTrackAsync(call, "4uLU6hMCjMI75M1A2tKUQC", bypassCache: true, CancellationToken.None));
    }

    protected async Task<string> ScrapeAsync()
    {
        var response = await Client().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    [StoreFact]
    public async Task Metrics_AfterWork_ShowJobsTheRunAndTheThrottledPausedProvider()
    {
        await DoSomeWorkAsync();

        var m = new PrometheusSamples(await ScrapeAsync());

        Assert.Equal(4, m["""refrain_jobs{source="system",job_type="noop",state="succeeded"}"""]);
        Assert.Equal(1, m["""refrain_jobs{source="system",job_type="noop",state="pending"}"""]);
        Assert.Equal(4, m["""refrain_job_duration_seconds_count{source="system",job_type="noop"}"""]);
        Assert.Equal(1, m["""refrain_runs_total{kind="system/noop",state="succeeded"}"""]);
        Assert.Equal(1, m["""refrain_provider_requests_total{provider="spotify",status="429"}"""]);
        Assert.Equal(1, m["""refrain_provider_requests_total{provider="spotify",status="200"}"""]);
        Assert.Equal(1, m["""refrain_provider_throttled_total{provider="spotify",reason="rate"}"""]);
        Assert.Equal(1, m["""refrain_provider_paused{provider="spotify",reason="rate"}"""]);
        Assert.Equal(0, m["""refrain_queue_depth{source="system"}"""]);
    }

    [StoreFact]
    public async Task Health_ReadyIs503WhenTheDatabaseIsGone_WhileLiveStays200()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync("/health")).StatusCode);

        await LoseDatabaseAsync();

        var ready = await Client().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("unavailable", (await ReadJsonAsync(ready)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Client().GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync("/health/live")).StatusCode);
    }
}

public sealed class SqliteMetricsEndpointTests(MetricsEndpointCompliance.ThrottlingSandbox sandbox)
    : MetricsEndpointCompliance(sandbox), IClassFixture<MetricsEndpointCompliance.ThrottlingSandbox>
{
    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync()
    {
        var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource;
        if (Directory.Exists(path))
        {
            Directory.Delete(path);
        }

        return Storage.SqliteDb.DropAsync(ConnectionString);
    }

    /// <summary>The file replaced by a directory: no connection can open it any more.</summary>
    protected override async Task LoseDatabaseAsync()
    {
        await Storage.SqliteDb.DropAsync(ConnectionString);
        Directory.CreateDirectory(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource);
    }

    /// <summary>Issue 7's proof: Prometheus' own checker accepts the exposition of a node that has done work, without a lint problem.</summary>
    [PromtoolFact]
    public async Task Metrics_AfterWork_PassPromtoolCheckMetrics()
    {
        await DoSomeWorkAsync();
        var text = await ScrapeAsync();

        var (exitCode, output) = await Promtool.CheckMetricsAsync(text);

        Assert.True(exitCode == 0 && output.Length == 0, $"promtool exited {exitCode}: {output}\n{text}");
        Assert.Contains("refrain_provider_throttled_total{provider=\"spotify\",reason=\"rate\"} 1", text, StringComparison.Ordinal);
    }
}

public sealed class PostgresMetricsEndpointTests(MetricsEndpointCompliance.ThrottlingSandbox sandbox)
    : MetricsEndpointCompliance(sandbox), IClassFixture<MetricsEndpointCompliance.ThrottlingSandbox>, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Storage.PostgresDb.CreateAsync();

    /// <summary>The database dropped under the server, its connections terminated.</summary>
    protected override async Task LoseDatabaseAsync()
    {
        var name = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
        await using var admin = new NpgsqlConnection(PostgresServer.AdminConnectionString);
        await admin.ExecuteAsync($"DROP DATABASE \"{name}\" WITH (FORCE)");
    }
}
