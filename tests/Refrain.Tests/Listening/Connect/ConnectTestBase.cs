using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.WebUtilities;
using Refrain.Sandbox;
using Refrain.Tests.Http;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Listening.Connect;

/// <summary>
/// The real server with Spotify pointed at a sandbox on 127.0.0.1 sharing the test's clock, and a browser that does not
/// follow redirects, so a test walks the connect flow step by step as a person's browser would.
/// </summary>
public abstract class ConnectTestBase : ApiTestBase, IAsyncLifetime
{
    /// <summary>What the server's configuration registers with Spotify (its default); the sandbox accepts any loopback one.</summary>
    protected const string RedirectUri = "http://127.0.0.1:5080/connect/spotify/callback";

    private SandboxServer? _sandbox;

    protected SandboxServer Sandbox => _sandbox!;

    /// <summary>A client that stops at every redirect.</summary>
    protected HttpClient Browser { get; } = new(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Sandbox settings of the test class (rotation, faults); the sandbox's rate limit is off.</summary>
    protected virtual void ConfigureSandbox(SandboxOptions options)
    {
    }

    protected override Dictionary<string, string?> Settings => SandboxSettings.Spotify(Sandbox);

    public new async Task InitializeAsync()
    {
        var options = new SandboxOptions { Time = Time };
        options.Spotify.RequestsPerWindow = 0;
        ConfigureSandbox(options);
        _sandbox = await SandboxServer.StartAsync(options, CancellationToken.None);
        await base.InitializeAsync();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Browser.Dispose();
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }

    protected async Task<long> CreateListenerAsync(HttpClient client, string name = "Alice")
    {
        var response = await client.PostAsync("/api/listeners", Json(JsonSerializer.Serialize(new { display_name = name })));
        var body = await ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetInt64();
    }

    /// <summary>POST connect-link as <paramref name="client"/>: the link's URL.</summary>
    protected async Task<Uri> LinkAsync(HttpClient client, long listenerId)
    {
        var response = await client.PostAsync($"/api/listeners/{listenerId}/connect-link", null);
        var body = await ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return new Uri(body.GetProperty("url").GetString()!);
    }

    /// <summary>Opens the link: the redirect to the sandbox's authorize page.</summary>
    protected async Task<Uri> OpenAsync(Uri link)
    {
        using var response = await Browser.GetAsync(link);
        Assert.True(response.StatusCode == HttpStatusCode.Found, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response.Headers.Location!;
    }

    /// <summary>Signs in at the sandbox as user <paramref name="user"/> (or refuses): the query Spotify sends back to the redirect URI.</summary>
    protected async Task<string> AuthorizeAsync(Uri authorize, int user, bool deny = false)
    {
        using var response = await Browser.GetAsync(new Uri(authorize.AbsoluteUri + $"&sandbox_user={user}" + (deny ? "&sandbox_deny=1" : "")));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var back = response.Headers.Location!.OriginalString;
        Assert.StartsWith(RedirectUri + "?", back, StringComparison.Ordinal);
        return back[RedirectUri.Length..];
    }

    /// <summary>The browser arriving at this server's callback with <paramref name="query"/>.</summary>
    protected Task<HttpResponseMessage> CallbackAsync(string query) => Browser.GetAsync(new Uri(BaseAddress, "/connect/spotify/callback" + query));

    /// <summary>The whole flow for a new listener of alpha, signed in as sandbox user <paramref name="user"/>; asserts "Connected".</summary>
    protected async Task<long> ConnectAsync(int user, HttpClient? client = null)
    {
        var id = await CreateListenerAsync(client ?? Alpha);
        await ConnectExistingAsync(id, user, client);
        return id;
    }

    protected async Task ConnectExistingAsync(long listenerId, int user, HttpClient? client = null)
    {
        using var response = await CallbackAsync(await AuthorizeAsync(await OpenAsync(await LinkAsync(client ?? Alpha, listenerId)), user));
        var page = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {page}");
        Assert.Contains("Connected", page, StringComparison.Ordinal);
    }

    protected static Dictionary<string, string> Query(string query) =>
        QueryHelpers.ParseQuery(query).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

    protected Task<ListenerTokenRow> TokenRowAsync(long listenerId) =>
        Store.ReadAsync(c => c.QuerySingleAsync<ListenerTokenRow>(
            """
            SELECT status AS Status, spotify_user_id AS SpotifyUserId, access_token AS AccessToken, refresh_token AS RefreshToken,
                   access_expires_at AS AccessExpiresAt, refresh_expires_at AS RefreshExpiresAt, authorized_at AS AuthorizedAt, last_error AS LastError
            FROM listeners WHERE id = @listenerId
            """, new { listenerId }), CancellationToken.None);

    protected Task<long> CountAsync(string sql, object? args = null) =>
        Store.ReadAsync(c => c.ExecuteScalarAsync<long>(sql, args), CancellationToken.None);

    /// <summary>A listener's token columns as stored.</summary>
    protected sealed record ListenerTokenRow(
        string Status, string? SpotifyUserId, byte[]? AccessToken, byte[]? RefreshToken, long? AccessExpiresAt, long? RefreshExpiresAt, long? AuthorizedAt, string? LastError);
}
