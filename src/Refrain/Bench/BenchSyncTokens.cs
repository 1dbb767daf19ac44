using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Refrain.Jobs;
using Refrain.Listening;
using Refrain.Providers;
using Refrain.Sandbox;

namespace Refrain.Cli;

/// <summary>
/// The bench's listener tokens: each listener signs in as one sandbox user through the sandbox's own authorization flow
/// (authorize with PKCE, then the code exchange), and the tokens stay in memory. The bench measures the sync path and the
/// rate limit, not token storage, and its run is shorter than an access token's hour, so it never needs to refresh.
/// </summary>
internal sealed class BenchSyncTokens(SandboxServer sandbox, HttpClient http) : IListenerTokens
{
    private const string RedirectUri = "http://127.0.0.1:5080/connect/spotify/callback";
    private readonly ConcurrentDictionary<long, (string Access, string Refresh)> _tokens = new();

    /// <summary>Signs sandbox user <paramref name="user"/> in for listener <paramref name="listenerId"/>.</summary>
    public async Task ConnectAsync(long listenerId, int user, CancellationToken cancellationToken)
    {
        var verifier = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var query = string.Create(CultureInfo.InvariantCulture,
            $"client_id={sandbox.Options.ClientId}&response_type=code&redirect_uri={Uri.EscapeDataString(RedirectUri)}&scope=user-read-recently-played&state=bench&code_challenge={challenge}&code_challenge_method=S256&sandbox_user={user}");
        using var authorize = await http.GetAsync(new Uri(sandbox.BaseUrl, "/authorize?" + query), cancellationToken);
        var location = authorize.Headers.Location ?? throw new InvalidOperationException($"the sandbox did not authorize user {user}: HTTP {(int)authorize.StatusCode}");
        var code = QueryHelpers.ParseQuery(location.Query)["code"].ToString();
        using var exchange = await http.PostAsync(new Uri(sandbox.BaseUrl, "/api/token"), new FormUrlEncodedContent(
        [
            new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", RedirectUri), new("code_verifier", verifier),
            new("client_id", sandbox.Options.ClientId),
        ]), cancellationToken);
        using var body = JsonDocument.Parse(await exchange.Content.ReadAsStringAsync(cancellationToken));
        _tokens[listenerId] = (body.RootElement.GetProperty("access_token").GetString()!, body.RootElement.GetProperty("refresh_token").GetString()!);
    }

    public Task<ProviderResult<ListenerAccess>> GetAccessAsync(ProviderCall call, long listenerId, CancellationToken cancellationToken) =>
        Task.FromResult(_tokens.TryGetValue(listenerId, out var t)
            ? ProviderResult<ListenerAccess>.Of(new ListenerAccess(listenerId, t.Access, null))
            : ProviderResult<ListenerAccess>.Stop(new JobOutcome.Permanent("listener is not connected")));

    /// <summary>A bench run never outlives its tokens: a 401 here is a failure to report, not something to recover from.</summary>
    public Task<ProviderResult<ListenerAccess>> RefreshAsync(ProviderCall call, long listenerId, CancellationToken cancellationToken) =>
        Task.FromResult(ProviderResult<ListenerAccess>.Stop(new JobOutcome.Permanent("the bench does not refresh tokens")));
}
