using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Refrain.Jobs;
using Refrain.Providers;
using Refrain.Providers.Spotify;

namespace Refrain.Listening;

/// <summary>
/// <see cref="IListenerTokens"/> over the stored, encrypted tokens and <see cref="SpotifyUserAuth"/>. One refresh at a time
/// per listener in this process, so two jobs that find the token expiring together spend the refresh token once (the second
/// reads what the first stored).
/// </summary>
public sealed class ListenerTokens(SpotifyUserAuth auth, ITokenProtector protector, ILogger<ListenerTokens> logger) : IListenerTokens
{
    /// <summary>An access token that expires sooner than this is refreshed first (issue 5 §3).</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    public const string InvalidGrantError = "Spotify refused the refresh token (invalid_grant): the listener must reconnect";

    public const string UnreadableError =
        "the stored Spotify token cannot be decrypted: Security:TokenKey (or the key ring in the database) changed; restore the previous key or reconnect the listener";

    private readonly ConcurrentDictionary<long, SemaphoreSlim> _locks = new();

    public async Task<ProviderResult<ListenerAccess>> GetAccessAsync(ProviderCall call, long listenerId, CancellationToken cancellationToken)
    {
        var stored = await call.Store.GetListenerTokensAsync(listenerId, cancellationToken);
        if (NotConnected(stored, listenerId) is { } refused)
        {
            return Stop(call, refused, listenerId);
        }

        if (Usable(call, stored!) is { } fresh)
        {
            return Read(call, stored!, fresh);
        }

        return await UnderLockAsync(listenerId, async () =>
        {
            // Another job may have refreshed while this one waited.
            var current = await call.Store.GetListenerTokensAsync(listenerId, cancellationToken);
            if (NotConnected(current, listenerId) is { } gone)
            {
                return Stop(call, gone, listenerId);
            }

            return Usable(call, current!) is { } now ? Read(call, current!, now) : await RefreshLockedAsync(call, current!, activate: false, cancellationToken);
        }, cancellationToken);
    }

    public async Task<ProviderResult<ListenerAccess>> RefreshAsync(ProviderCall call, long listenerId, CancellationToken cancellationToken)
    {
        var seen = await call.Store.GetListenerTokensAsync(listenerId, cancellationToken);
        if (NotConnected(seen, listenerId) is { } refused)
        {
            return Stop(call, refused, listenerId);
        }

        return await UnderLockAsync(listenerId, async () =>
        {
            var current = await call.Store.GetListenerTokensAsync(listenerId, cancellationToken);
            if (NotConnected(current, listenerId) is { } gone)
            {
                return Stop(call, gone, listenerId);
            }

            // The token the caller saw refused was already replaced by a refresh that finished while it waited.
            var replaced = current!.AccessToken is not null && seen!.AccessToken is not null && !current.AccessToken.AsSpan().SequenceEqual(seen.AccessToken);
            return replaced && Usable(call, current) is { } now ? Read(call, current, now) : await RefreshLockedAsync(call, current, activate: false, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// For a listener marked <c>reauth_required</c> (perhaps a false alarm): tries its stored refresh token now; when Spotify
    /// accepts it the listener is active again. A direct call's refusals come back as the result, not as an exception.
    /// </summary>
    public async Task<ReprobeResult> ReprobeAsync(ProviderCall call, long listenerId, CancellationToken cancellationToken)
    {
        var result = await UnderLockAsync(listenerId, async () =>
        {
            var stored = await call.Store.GetListenerTokensAsync(listenerId, cancellationToken);
            if (stored is null || stored.Status != "reauth_required")
            {
                return new ReprobeResult(listenerId, ReprobeResult.Skipped, stored is null ? "no such listener" : $"status is {stored.Status}");
            }

            if (stored.RefreshToken is null)
            {
                return new ReprobeResult(listenerId, ReprobeResult.ReauthRequired, "no refresh token is stored: the listener must reconnect");
            }

            try
            {
                var refreshed = await RefreshLockedAsync(call, stored, activate: true, cancellationToken);
                return refreshed.IsOk ? new ReprobeResult(listenerId, ReprobeResult.Active, null) : Failure(listenerId, refreshed.Outcome!);
            }
            catch (ProviderException ex)
            {
                return Failure(listenerId, ex.Outcome);
            }
        }, cancellationToken);
        ListenerTokensLog.Reprobed(logger, listenerId, result.Status);
        return result;
    }

    private static ReprobeResult Failure(long listenerId, JobOutcome outcome) => outcome is JobOutcome.Permanent p
        ? new ReprobeResult(listenerId, ReprobeResult.ReauthRequired, p.Error)
        : new ReprobeResult(listenerId, ReprobeResult.Failed, outcome.ToString());

    /// <summary>Refreshes with the stored refresh token; the caller holds the listener's lock.</summary>
    private async Task<ProviderResult<ListenerAccess>> RefreshLockedAsync(ProviderCall call, StoredListenerTokens stored, bool activate, CancellationToken cancellationToken)
    {
        var id = stored.ListenerId;
        string refreshToken;
        try
        {
            refreshToken = protector.Unprotect(stored.RefreshToken!);
        }
        catch (CryptographicException)
        {
            return await ReauthAsync(call, id, UnreadableError, cancellationToken);
        }

        var answer = await auth.RefreshAsync(call, refreshToken, cancellationToken);
        if (answer.InvalidGrant)
        {
            return await ReauthAsync(call, id, InvalidGrantError, cancellationToken);
        }

        if (!answer.IsOk)
        {
            return Stop(call, answer.Outcome!, id);
        }

        var token = answer.Value!;
        var expiresAt = call.Time.GetUtcNow() + token.ExpiresIn;
        await call.Store.StoreRefreshedListenerTokensAsync(id, protector.Protect(token.AccessToken),
            token.RefreshToken is null ? null : protector.Protect(token.RefreshToken), expiresAt, activate, cancellationToken);
        ListenerTokensLog.Refreshed(logger, id, token.RefreshToken is null ? "kept" : "rotated");
        return call.Of(new ListenerAccess(id, token.AccessToken, stored.SpotifyUserId));
    }

    private async Task<ProviderResult<ListenerAccess>> ReauthAsync(ProviderCall call, long listenerId, string error, CancellationToken cancellationToken)
    {
        // The tokens stay: an admin can re-probe after a false alarm (DESIGN §6).
        await call.Store.MarkListenerReauthRequiredAsync(listenerId, error, cancellationToken);
        ListenerTokensLog.ReauthRequired(logger, listenerId, error);
        return Stop(call, new JobOutcome.Permanent(error), listenerId);
    }

    /// <summary>The decrypted access token when it is stored and lives past the margin; null when a refresh is due.</summary>
    private string? Usable(ProviderCall call, StoredListenerTokens stored)
    {
        if (stored.AccessToken is null || stored.AccessExpiresAt is not { } expires || expires - RefreshMargin <= call.Time.GetUtcNow())
        {
            return null;
        }

        try
        {
            return protector.Unprotect(stored.AccessToken);
        }
        catch (CryptographicException)
        {
            // The refresh that follows reads the refresh token under the same key and says what is wrong.
            return null;
        }
    }

    private static ProviderResult<ListenerAccess> Read(ProviderCall call, StoredListenerTokens stored, string accessToken) =>
        call.Of(new ListenerAccess(stored.ListenerId, accessToken, stored.SpotifyUserId));

    private static JobOutcome? NotConnected(StoredListenerTokens? stored, long listenerId) => stored switch
    {
        null => new JobOutcome.Permanent($"listener {listenerId} does not exist"),
        { Status: not "active" } => new JobOutcome.Permanent($"listener {listenerId} is {stored.Status}: not syncing until it is active again"),
        { RefreshToken: null } => new JobOutcome.Permanent($"listener {listenerId} has not connected Spotify"),
        _ => null,
    };

    private static ProviderResult<ListenerAccess> Stop(ProviderCall call, JobOutcome outcome, long listenerId) =>
        call.Stop<ListenerAccess>(outcome, $"token of listener {listenerId}");

    private async Task<T> UnderLockAsync<T>(long listenerId, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(listenerId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            gate.Release();
        }
    }
}
