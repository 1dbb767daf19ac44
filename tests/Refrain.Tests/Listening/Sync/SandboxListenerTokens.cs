using System.Collections.Concurrent;
using System.Net;
using Refrain.Jobs;
using Refrain.Listening;
using Refrain.Providers;
using Refrain.Tests.Sandbox;

namespace Refrain.Tests.Listening.Sync;

/// <summary>
/// A stand-in for the listener token lifecycle: sandbox user tokens obtained through the sandbox's real OAuth flow, kept in
/// memory, refreshed with the sandbox's refresh grant; a refused refresh is a permanent outcome naming the error code.
/// </summary>
internal sealed class SandboxListenerTokens(SandboxOAuth oauth) : IListenerTokens
{
    private readonly ConcurrentDictionary<long, (string Access, string Refresh)> _tokens = new();

    public int Refreshes { get; private set; }

    /// <summary>Signs sandbox user <paramref name="user"/> in for <paramref name="listenerId"/>.</summary>
    public async Task ConnectAsync(long listenerId, int user) => _tokens[listenerId] = await oauth.TokensAsync(user);

    public Task<ProviderResult<ListenerAccess>> GetAccessAsync(ProviderCall call, long listenerId, CancellationToken cancellationToken) =>
        Task.FromResult(_tokens.TryGetValue(listenerId, out var t)
            ? ProviderResult<ListenerAccess>.Of(new ListenerAccess(listenerId, t.Access, null))
            : ProviderResult<ListenerAccess>.Stop(new JobOutcome.Permanent("listener is not connected")));

    public async Task<ProviderResult<ListenerAccess>> RefreshAsync(ProviderCall call, long listenerId, CancellationToken cancellationToken)
    {
        Refreshes++;
        if (!_tokens.TryGetValue(listenerId, out var t))
        {
            return ProviderResult<ListenerAccess>.Stop(new JobOutcome.Permanent("listener is not connected"));
        }

        using var response = await oauth.RefreshAsync(t.Refresh);
        using var body = await SandboxOAuth.JsonAsync(response);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return ProviderResult<ListenerAccess>.Stop(new JobOutcome.Permanent($"token refresh refused: {body.RootElement.GetProperty("error").GetString()}"));
        }

        var access = body.RootElement.GetProperty("access_token").GetString()!;
        var refresh = body.RootElement.TryGetProperty("refresh_token", out var r) ? r.GetString()! : t.Refresh;
        _tokens[listenerId] = (access, refresh);
        return ProviderResult<ListenerAccess>.Of(new ListenerAccess(listenerId, access, null));
    }
}
