using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Refrain.Sandbox;

/// <summary>
/// Stand-ins for Spotify (Accounts and Web API), MusicBrainz, Songstats and the snapshot service on real HTTP (Kestrel on 127.0.0.1) over a generated
/// catalog, with rolling rate limits and configurable faults. Point <c>Providers:Spotify:ApiBaseUrl</c>,
/// <c>Providers:Spotify:AccountsBaseUrl</c>, <c>Providers:MusicBrainz:BaseUrl</c>, <c>Providers:Songstats:BaseUrl</c> and
/// <c>Providers:Snapshot:BaseUrl</c> at <see cref="BaseUrl"/>. Users connect through
/// <c>/authorize</c> (Authorization Code, with or without PKCE; the user consents at once) and have generated listening histories.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<(int Seed, int Songs), SandboxCatalog> Catalogs = new();

    private readonly WebApplication _app;
    private readonly SandboxStats _stats = new();
    private readonly TokenIssuer _tokens;
    private readonly UserGrants _grants;
    private readonly CancellationTokenSource _stopping = new();

    private SandboxServer(WebApplication app, SandboxCatalog catalog, SandboxOptions options)
    {
        _app = app;
        Catalog = catalog;
        Options = options;
        _tokens = new TokenIssuer(options);
        _grants = new UserGrants(options);
        Listening = new SandboxListening(catalog, options);
    }

    /// <summary>Where it listens: <c>http://127.0.0.1:PORT</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public SandboxCatalog Catalog { get; }

    /// <summary>The users <c>/authorize</c> signs in as and their generated listening histories.</summary>
    public SandboxListening Listening { get; }

    /// <summary>The settings; limits, fault rates, storms and token lifetime may be changed while it runs.</summary>
    public SandboxOptions Options { get; }

    /// <summary>The Stripe stand-in's customers and sessions; tests put cards on customers and sign webhook events here.</summary>
    public SandboxStripe Stripe { get; } = new();

    /// <summary>Requests received per endpoint (see <see cref="SandboxEndpoints"/>), refused ones included.</summary>
    public IReadOnlyDictionary<string, long> RequestCounts => _stats.Snapshot();

    /// <summary>429s served (and MusicBrainz 503s, its way of saying the same).</summary>
    public long TooManyRequestsServed => _stats.TooManyRequests;

    /// <summary>Injected faults served (5xx, hangs, malformed bodies).</summary>
    public long FaultsServed => _stats.Faults;

    /// <summary>Requests received by one endpoint.</summary>
    public long RequestCount(string endpoint) => RequestCounts.GetValueOrDefault(endpoint);

    /// <summary>Every access token issued so far expires now, as if an hour had passed mid-run.</summary>
    public void ExpireTokens() => _tokens.ExpireAll();

    /// <summary>
    /// User <paramref name="userNumber"/> removes the app's access: every refresh token issued for the user answers
    /// <c>invalid_grant</c> from now on (access tokens already issued live on until they expire). Returns how many were revoked.
    /// </summary>
    public int RevokeAccess(int userNumber) => _grants.Revoke(g => g.User.Number == userNumber);

    /// <summary>As <see cref="RevokeAccess(int)"/>, for the user with Spotify user id <paramref name="userId"/> (what <c>/v1/me</c> says).</summary>
    public int RevokeAccess(string userId) => _grants.Revoke(g => g.User.Id == userId);

    public static async Task<SandboxServer> StartAsync(SandboxOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var catalog = Catalogs.GetOrAdd((options.Seed, options.Songs), key => SandboxCatalog.Generate(key.Seed, key.Songs));
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(SandboxServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var server = new SandboxServer(app, catalog, options);
        server.Map(app);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    private void Map(WebApplication app)
    {
        var spotify = new ServiceGate(SandboxService.Spotify, Options.Spotify, Options.Time, _stats, Options.Seed, _stopping.Token);
        var musicBrainz = new ServiceGate(SandboxService.MusicBrainz, Options.MusicBrainz, Options.Time, _stats, Options.Seed + 1, _stopping.Token);
        var accounts = new ServiceGate(SandboxService.Spotify, Options.SpotifyAccounts, Options.Time, _stats, Options.Seed + 2, _stopping.Token);
        new SpotifyApi(Catalog, Options, _tokens, _grants, Listening, spotify, accounts, _stats).Map(app);
        new MusicBrainzApi(Catalog, musicBrainz, _stats).Map(app);
        new SongstatsApi(Options, new ServiceGate(SandboxService.Spotify, Options.Songstats, Options.Time, _stats, Options.Seed + 3, _stopping.Token), _stats).Map(app);
        new SnapshotApi(Catalog, Options, new ServiceGate(SandboxService.Spotify, Options.Snapshot, Options.Time, _stats, Options.Seed + 5, _stopping.Token), _stats).Map(app);
        new StripeApi(Options, Stripe, new ServiceGate(SandboxService.Spotify, Options.Stripe, Options.Time, _stats, Options.Seed + 6, _stopping.Token), _stats).Map(app);
        app.MapGet("/_sandbox/stats", (RequestDelegate)(context => Respond.JsonAsync(context, 200, new JsonObject
        {
            ["requests"] = new JsonObject([.. RequestCounts.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))]),
            ["too_many_requests"] = TooManyRequestsServed,
        })));
    }

    public async ValueTask DisposeAsync()
    {
        // Hanging requests end first, so stopping does not wait for them.
        await _stopping.CancelAsync();
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(grace.Token);
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
