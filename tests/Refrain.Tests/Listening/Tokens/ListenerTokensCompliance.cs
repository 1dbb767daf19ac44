using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Refrain.Jobs;
using Refrain.Listening;
using Refrain.Providers;
using Refrain.Sandbox;
using Refrain.Tests.Cli;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Listening.Connect;

namespace Refrain.Tests.Listening.Tokens;

/// <summary>
/// The token lifecycle of a listener connected through the real flow, on both databases, against the sandbox on the test's
/// clock (Spotify's facts, DESIGN §6): refresh within five minutes of expiry, rotated and kept refresh tokens,
/// <c>invalid_grant</c> → <c>reauth_required</c> with the tokens kept, a re-probe, transient failures retried.
/// </summary>
public abstract class ListenerTokensCompliance : ConnectTestBase
{
    private ListenerTokens Tokens => Services.GetRequiredService<ListenerTokens>();

    private ITokenProtector Protector => Services.GetRequiredService<ITokenProtector>();

    /// <summary>The call a job's handler makes: a claimed job that declares Spotify.</summary>
    private async Task<ProviderCall> JobCallAsync()
    {
        await Store.EnqueueAsync(new NewJob("test", "token_call", Guid.NewGuid().ToString("N")) { Provider = "spotify" }, CancellationToken.None);
        var job = Assert.Single(await Store.ClaimAsync(new ClaimRequest("worker-a", 1, TimeSpan.FromMinutes(10), ["test"], []), CancellationToken.None));
        return ProviderCall.ForJob(new JobContext(job, Services, Store, Services.GetRequiredService<ProviderGate>(), Time));
    }

    private async Task<ProviderResult<ListenerAccess>> AccessAsync(long listenerId) =>
        await Tokens.GetAccessAsync(await JobCallAsync(), listenerId, CancellationToken.None);

    private long TokenRequests => Sandbox.RequestCount(SandboxEndpoints.Token);

    private async Task<(string Access, string Refresh)> StoredAsync(long listenerId)
    {
        var row = await TokenRowAsync(listenerId);
        return (Protector.Unprotect(row.AccessToken!), Protector.Unprotect(row.RefreshToken!));
    }

    private void AssertNoTokenLogged(params string[] tokens)
    {
        foreach (var token in tokens)
        {
            Assert.DoesNotContain(Logs, line => line.Contains(token, StringComparison.Ordinal));
        }
    }

    [StoreFact]
    public async Task GetAccess_MoreThanFiveMinutesBeforeExpiry_UsesTheStoredTokenWithoutARefresh()
    {
        var id = await ConnectAsync(1);
        var (access, _) = await StoredAsync(id);
        var requests = TokenRequests;
        Time.Advance(TimeSpan.FromMinutes(54));

        var result = await AccessAsync(id);

        Assert.Equal(access, result.Value!.AccessToken);
        Assert.Equal(Sandbox.Listening.User(1).Id, result.Value.SpotifyUserId);
        Assert.Equal(requests, TokenRequests);
    }

    [StoreFact]
    public async Task GetAccess_WithinFiveMinutesOfExpiry_RefreshesAndKeepsTheRefreshTokenSpotifyDidNotReplace()
    {
        var id = await ConnectAsync(2);
        var (access, refresh) = await StoredAsync(id);
        Time.Advance(TimeSpan.FromMinutes(56));

        var result = await AccessAsync(id);

        Assert.True(result.IsOk, result.Outcome?.ToString());
        Assert.NotEqual(access, result.Value!.AccessToken);
        var stored = await StoredAsync(id);
        Assert.Equal((result.Value.AccessToken, refresh), stored);
        Assert.Equal(Time.GetUtcNow().AddHours(1).ToUnixTimeMilliseconds(), (await TokenRowAsync(id)).AccessExpiresAt);
        AssertNoTokenLogged(access, refresh, stored.Access);

        // The kept refresh token still works an hour later.
        Time.Advance(TimeSpan.FromMinutes(58));
        Assert.True((await AccessAsync(id)).IsOk);
    }

    [StoreFact]
    public async Task GetAccess_WhenSpotifyRotatesTheRefreshToken_StoresTheNewOne()
    {
        var id = await ConnectAsync(3);
        var (_, refresh) = await StoredAsync(id);
        Sandbox.Options.RotateRefreshTokens = true;
        Time.Advance(TimeSpan.FromMinutes(58));

        Assert.True((await AccessAsync(id)).IsOk);
        var rotated = (await StoredAsync(id)).Refresh;
        Time.Advance(TimeSpan.FromMinutes(58));
        var again = await AccessAsync(id);

        Assert.NotEqual(refresh, rotated);
        Assert.True(again.IsOk, again.Outcome?.ToString()); // the old one no longer works at the sandbox, so this used the new one
        Assert.NotEqual(rotated, (await StoredAsync(id)).Refresh);
        AssertNoTokenLogged(refresh, rotated);
    }

    [StoreFact]
    public async Task Refresh_AfterSpotifyRefusedTheAccessToken_RefreshesBeforeItsExpiry()
    {
        var id = await ConnectAsync(13);
        var (access, _) = await StoredAsync(id);
        Sandbox.ExpireTokens(); // Spotify answers 401 to the stored token although it has 55 minutes left here
        var call = await JobCallAsync();

        var refreshed = await Tokens.RefreshAsync(call, id, CancellationToken.None);

        Assert.True(refreshed.IsOk, refreshed.Outcome?.ToString());
        Assert.NotEqual(access, refreshed.Value!.AccessToken);
        Assert.Equal(refreshed.Value.AccessToken, (await StoredAsync(id)).Access);
        Assert.Equal(refreshed.Value.AccessToken, (await AccessAsync(id)).Value!.AccessToken);
    }

    [StoreFact]
    public async Task TwoJobsFindingTheTokenExpiring_RefreshOnce()
    {
        var id = await ConnectAsync(4);
        Sandbox.Options.RotateRefreshTokens = true; // a second refresh with the spent token would be invalid_grant
        Time.Advance(TimeSpan.FromMinutes(58));
        var requests = TokenRequests;
        var calls = new[] { await JobCallAsync(), await JobCallAsync() };

        var results = await Task.WhenAll(calls.Select(c => Tokens.GetAccessAsync(c, id, CancellationToken.None)));

        Assert.All(results, r => Assert.True(r.IsOk, r.Outcome?.ToString()));
        Assert.Equal(results[0].Value!.AccessToken, results[1].Value!.AccessToken);
        Assert.Equal(requests + 1, TokenRequests);
        Assert.Equal("active", (await TokenRowAsync(id)).Status);
    }

    [StoreFact]
    public async Task Refresh_InvalidGrant_MarksReauthRequiredKeepsTheTokensAndIsPermanent()
    {
        var id = await ConnectAsync(5);
        var before = await TokenRowAsync(id);
        Assert.Equal(1, Sandbox.RevokeAccess(5));
        Time.Advance(TimeSpan.FromMinutes(58));

        var result = await AccessAsync(id);

        var permanent = Assert.IsType<JobOutcome.Permanent>(result.Outcome);
        Assert.Equal("Spotify refused the refresh token (invalid_grant): the listener must reconnect", permanent.Error);
        var after = await TokenRowAsync(id);
        Assert.Equal(("reauth_required", permanent.Error), (after.Status, after.LastError));
        Assert.Equal(before.RefreshToken, after.RefreshToken);
        Assert.Equal(before.AccessToken, after.AccessToken);

        // Its jobs stop: the next one is refused without asking Spotify.
        var requests = TokenRequests;
        Assert.IsType<JobOutcome.Permanent>((await AccessAsync(id)).Outcome);
        Assert.Equal(requests, TokenRequests);
    }

    [StoreFact]
    public async Task Refresh_TransientFailure_IsARetryAndChangesNothing()
    {
        var id = await ConnectAsync(6);
        var before = await TokenRowAsync(id);
        Sandbox.Options.SpotifyAccounts.ServerErrorRate = 1;
        Time.Advance(TimeSpan.FromMinutes(58));

        var result = await AccessAsync(id);

        Assert.IsType<JobOutcome.Retry>(result.Outcome);
        var after = await TokenRowAsync(id);
        Assert.Equal(("active", before.AccessExpiresAt), (after.Status, after.AccessExpiresAt));

        Sandbox.Options.SpotifyAccounts.ServerErrorRate = 0;
        Assert.True((await AccessAsync(id)).IsOk);
    }

    [StoreFact]
    public async Task UnreadableStoredToken_IsReauthRequiredNamingTheTokenKey()
    {
        var id = await ConnectAsync(7);
        var garbage = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 };
        await Store.WriteAsync((c, tx) => c.ExecuteAsync("UPDATE listeners SET access_token = @garbage, refresh_token = @garbage WHERE id = @id",
            new { garbage, id }, tx), CancellationToken.None);

        var result = await AccessAsync(id);

        Assert.Contains("Security:TokenKey", Assert.IsType<JobOutcome.Permanent>(result.Outcome).Error, StringComparison.Ordinal);
        var row = await TokenRowAsync(id);
        Assert.Equal("reauth_required", row.Status);
        Assert.Equal(garbage, row.RefreshToken);
    }

    [StoreFact]
    public async Task GetAccess_ForAListenerNotConnected_IsPermanentNamingItsStatus()
    {
        var never = await CreateListenerAsync(Alpha, "Never");
        var disconnected = await ConnectAsync(8);
        await Alpha.PostAsync($"/api/listeners/{disconnected}/disconnect", null);

        Assert.Contains("has not connected", Assert.IsType<JobOutcome.Permanent>((await AccessAsync(never)).Outcome).Error, StringComparison.Ordinal);
        Assert.Contains("is disconnected", Assert.IsType<JobOutcome.Permanent>((await AccessAsync(disconnected)).Outcome).Error, StringComparison.Ordinal);
        Assert.Contains("does not exist", Assert.IsType<JobOutcome.Permanent>((await AccessAsync(999_999)).Outcome).Error, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Reprobe_FromTheCli_ReactivatesAFalseAlarmAndReportsOneStillRefused()
    {
        var falseAlarm = await ConnectAsync(9);
        var revoked = await ConnectAsync(10);
        var active = await ConnectAsync(11);
        await Store.MarkListenerReauthRequiredAsync(falseAlarm, "Spotify refused the refresh token (invalid_grant): the listener must reconnect", CancellationToken.None);
        Sandbox.RevokeAccess(10);
        Time.Advance(TimeSpan.FromMinutes(58));
        Assert.IsType<JobOutcome.Permanent>((await AccessAsync(revoked)).Outcome);
        using var refrain = new RefrainProcess();
        foreach (var (name, value) in Settings)
        {
            refrain.Variables[name.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var all = await refrain.RunAsync("listeners", "reprobe", "--all", "--json", "--database", ConnectionString);
        var one = await refrain.RunAsync("listeners", "reprobe", active.ToString(System.Globalization.CultureInfo.InvariantCulture), "--database", ConnectionString);
        var unknown = await refrain.RunAsync("listeners", "reprobe", "999999", "--database", ConnectionString);
        var usage = await refrain.RunAsync("listeners", "reprobe", "--database", ConnectionString);

        Assert.True(all.ExitCode == 1, all.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(all.StdoutLines[^1]);
        var items = json.RootElement.GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("listener_id").GetInt64(), i => i.GetProperty("result").GetString());
        Assert.Equal(new Dictionary<long, string?> { [falseAlarm] = "active", [revoked] = "reauth_required" }, items);
        Assert.Equal(("active", null), ((await TokenRowAsync(falseAlarm)).Status, (await TokenRowAsync(falseAlarm)).LastError));
        Assert.Equal("reauth_required", (await TokenRowAsync(revoked)).Status);
        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.Contains($"listener {active}: skipped", one.Stdout, StringComparison.Ordinal);
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
        Assert.True(usage.ExitCode == 2, usage.ToString());
    }
}

public sealed class SqliteListenerTokensTests : ListenerTokensCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresListenerTokensTests : ListenerTokensCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Storage.PostgresDb.CreateAsync();
}
