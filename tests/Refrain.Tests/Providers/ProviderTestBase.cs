using Microsoft.Extensions.Logging.Abstractions;
using Refrain.Jobs;
using Refrain.Providers;
using Refrain.Providers.MusicBrainz;
using Refrain.Providers.Spotify;
using Refrain.Sandbox;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Storage;

namespace Refrain.Tests.Providers;

/// <summary>
/// Provider client tests: a fresh SQLite store and fake clock per test (<see cref="StoreTestBase"/>), a sandbox on
/// 127.0.0.1 sharing that clock (token expiry, rate windows and HTTP-dates follow it), and calls made inside a claimed job
/// that declares the provider, as the worker makes them.
/// </summary>
public abstract class ProviderTestBase : StoreTestBase
{
    /// <summary>A User-Agent with an application, a version and a contact.</summary>
    protected const string UserAgent = "Refrain-Tests/1.0 ( tests@example.com )";

    protected override Task<string> CreateDatabaseAsync() => new SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => SqliteDb.DropAsync(ConnectionString);

    /// <summary>A sandbox with no rate limits (tests set what they exercise) on this test's clock.</summary>
    protected async Task<SandboxServer> StartSandboxAsync(Action<SandboxOptions>? configure = null)
    {
        var options = new SandboxOptions { Time = Time };
        options.Spotify.RequestsPerWindow = 0;
        options.MusicBrainz.RequestsPerWindow = 0;
        configure?.Invoke(options);
        return await SandboxServer.StartAsync(options, CancellationToken.None);
    }

    protected SpotifyClient Spotify(SandboxServer sandbox, Action<SpotifyOptions>? configure = null, TimeSpan? timeout = null)
    {
        var options = new SpotifyOptions
        {
            ApiBaseUrl = sandbox.BaseUrl,
            AccountsBaseUrl = sandbox.BaseUrl,
            ClientId = sandbox.Options.ClientId,
            ClientSecret = sandbox.Options.ClientSecret,
        };
        configure?.Invoke(options);
        return new SpotifyClient(Http(timeout), options, Time, NullLogger<SpotifyClient>.Instance);
    }

    protected MusicBrainzClient MusicBrainz(SandboxServer sandbox, TimeSpan? timeout = null) =>
        new(Http(timeout), new MusicBrainzOptions { BaseUrl = sandbox.BaseUrl, UserAgent = UserAgent }, NullLogger<MusicBrainzClient>.Instance);

    protected ProviderGate Gate(string? provider = null, int requestsPerWindow = 0) =>
        new(Store, provider is null ? new Dictionary<string, ProviderOptions>() : new Dictionary<string, ProviderOptions>
        {
            [provider] = new() { RequestsPerWindow = requestsPerWindow, MinimumPause = TimeSpan.FromSeconds(5) },
        }, Time);

    /// <summary>A claimed job that declares <paramref name="provider"/>, and the call its handler would make.</summary>
    protected async Task<(JobRecord Job, ProviderCall Call)> JobCallAsync(string provider, ProviderGate? gate = null)
    {
        await Store.EnqueueAsync(new NewJob("test", "provider_call", Guid.NewGuid().ToString("N")) { Provider = provider }, CancellationToken.None);
        var job = Assert.Single(await Store.ClaimAsync(new ClaimRequest("worker-a", 1, TimeSpan.FromMinutes(1), null, []), CancellationToken.None));
        return (job, ProviderCall.ForJob(new JobContext(job, EmptyServices.Instance, Store, gate ?? Gate(), Time)));
    }

    /// <summary>Completes the job with <paramref name="outcome"/> as the worker would, and reloads it.</summary>
    protected async Task<JobRecord> FinishAsync(JobRecord job, JobOutcome outcome)
    {
        await Store.CompleteAsync([Outcomes.ToCompletion(job, outcome, Time.GetUtcNow(), jitter: 0.5)], CancellationToken.None);
        return (await Store.GetJobAsync(job.Id, CancellationToken.None))!;
    }

    private static HttpClient Http(TimeSpan? timeout) => new() { Timeout = timeout ?? TimeSpan.FromSeconds(20) };
}
