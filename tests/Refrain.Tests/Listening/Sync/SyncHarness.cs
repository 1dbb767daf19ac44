using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Refrain.Jobs;
using Refrain.Listening.Sync;
using Refrain.Providers;
using Refrain.Providers.Spotify;
using Refrain.Sandbox;
using Refrain.Storage;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Sandbox;

namespace Refrain.Tests.Listening.Sync;

/// <summary>
/// A sandbox on the test's clock (a listening session every hour, no rate limit), listeners connected to sandbox users, and
/// the sync handler run the way a worker runs it: claim, execute inside the job, complete.
/// </summary>
internal sealed class SyncHarness : IAsyncDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(20) };
    private readonly FakeTimeProvider _time;

    private SyncHarness(RefrainStore store, FakeTimeProvider time, SandboxServer sandbox)
    {
        Store = store;
        _time = time;
        Sandbox = sandbox;
        Tokens = new SandboxListenerTokens(new SandboxOAuth(sandbox, _http));
    }

    public RefrainStore Store { get; set; }

    public SandboxServer Sandbox { get; }

    public SandboxListenerTokens Tokens { get; }

    public static async Task<SyncHarness> StartAsync(RefrainStore store, FakeTimeProvider time)
    {
        var options = new SandboxOptions { Time = time, ListeningShare = 1 };
        options.Spotify.RequestsPerWindow = 0;
        return new SyncHarness(store, time, await SandboxServer.StartAsync(options, CancellationToken.None));
    }

    public SpotifyRecentlyPlayed Client() => new(_http, new SpotifyOptions
    {
        ApiBaseUrl = Sandbox.BaseUrl,
        AccountsBaseUrl = Sandbox.BaseUrl,
        ClientId = Sandbox.Options.ClientId,
        ClientSecret = Sandbox.Options.ClientSecret,
    }, Tokens, NullLogger<SpotifyRecentlyPlayed>.Instance);

    /// <summary>A listener of account 1 signed in as sandbox user <paramref name="user"/>, marked connected in the database.</summary>
    public async Task<long> ConnectedListenerAsync(int user, string status = "active", long account = 1)
    {
        var id = await Store.CreateListenerAsync(account, $"User {user}", CancellationToken.None);
        await Tokens.ConnectAsync(id, user);
        await MarkConnectedAsync(id, status);
        return id;
    }

    /// <summary>Stored tokens (opaque bytes: this harness keeps the real ones in memory) and a status.</summary>
    public Task MarkConnectedAsync(long id, string status = "active", DateTimeOffset? refreshExpiresAt = null) =>
        Store.WriteAsync((c, tx) => c.ExecuteAsync(
            "UPDATE listeners SET access_token = @blob, refresh_token = @blob, status = @status, refresh_expires_at = @expires WHERE id = @id",
            new { id, status, blob = new byte[] { 1, 2, 3 }, expires = (refreshExpiresAt ?? _time.GetUtcNow().AddDays(180)).ToUnixTimeMilliseconds() }, tx), CancellationToken.None);

    /// <summary>Enqueues, claims and runs the listener's sync job, and completes it with its outcome.</summary>
    public async Task<(JobOutcome Outcome, JobRecord Job)> SyncAsync(long listenerId)
    {
        await Store.EnqueueAsync(SyncRecentlyPlayedHandler.For(listenerId, 1), CancellationToken.None);
        return await RunNextAsync();
    }

    /// <summary>Claims one pending job and runs it with the handler of its type (sync or sweep).</summary>
    public async Task<(JobOutcome Outcome, JobRecord Job)> RunNextAsync()
    {
        var job = Assert.Single(await Store.ClaimAsync(new ClaimRequest("worker-a", 1, TimeSpan.FromMinutes(1), null, []), CancellationToken.None));
        var gate = new ProviderGate(Store, new Dictionary<string, ProviderOptions>(), _time);
        var context = new JobContext(job, EmptyServices.Instance, Store, gate, _time);
        IJobHandler handler = job.JobType == SyncSweepHandler.JobType ? new SyncSweepHandler() : new SyncRecentlyPlayedHandler(Client());
        var outcome = await handler.ExecuteAsync(context, CancellationToken.None);
        await Store.CompleteAsync([Outcomes.ToCompletion(job, outcome, _time.GetUtcNow(), jitter: 0.5)], CancellationToken.None);
        return (outcome, job);
    }

    public Task<long> CountAsync(string sql, object? args = null) =>
        Store.ReadAsync(c => c.ExecuteScalarAsync<long>(sql, args), CancellationToken.None);

    public Task<long?> CursorAsync(long listenerId) =>
        Store.ReadAsync(c => c.ExecuteScalarAsync<long?>("SELECT sync_cursor FROM listeners WHERE id = @listenerId", new { listenerId }), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        _http.Dispose();
    }
}
