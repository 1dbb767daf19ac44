using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Refrain.Jobs;
using Refrain.Listening;
using Refrain.Providers;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Listening.Connect;

/// <summary>
/// Connecting Spotify through the real HTTP API and the sandbox's OAuth (Authorization Code with PKCE, RFC 7636), on both
/// databases: the whole flow, and each way a link or a callback is refused.
/// </summary>
public abstract class ConnectFlowCompliance : ConnectTestBase
{
    [StoreFact]
    public async Task Connect_EndToEnd_StoresTokensEncryptedActivatesTheListenerAndEnqueuesTheFirstSync()
    {
        var id = await CreateListenerAsync(Alpha);
        var link = await LinkAsync(Alpha, id);
        var authorize = await OpenAsync(link);
        var parameters = Query(authorize.Query);
        var back = await AuthorizeAsync(authorize, 7);

        using var response = await CallbackAsync(back);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith(BaseAddress.AbsoluteUri.TrimEnd('/') + "/connect/spotify/start?link=", link.AbsoluteUri, StringComparison.Ordinal);
        Assert.StartsWith(Sandbox.BaseUrl.AbsoluteUri.TrimEnd('/') + "/authorize?", authorize.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal((Sandbox.Options.ClientId, "code", RedirectUri, "user-read-recently-played", "S256"),
            (parameters["client_id"], parameters["response_type"], parameters["redirect_uri"], parameters["scope"], parameters["code_challenge_method"]));
        Assert.Equal(43, parameters["code_challenge"].Length);

        var row = await TokenRowAsync(id);
        var now = Time.GetUtcNow();
        Assert.Equal(("active", Sandbox.Listening.User(7).Id, null), (row.Status, row.SpotifyUserId, row.LastError));
        Assert.Equal(now.AddHours(1).ToUnixTimeMilliseconds(), row.AccessExpiresAt);
        Assert.Equal(now.AddMonths(6).ToUnixTimeMilliseconds(), row.RefreshExpiresAt);
        Assert.Equal(now.ToUnixTimeMilliseconds(), row.AuthorizedAt);

        // The columns hold ciphertext; decrypted, the access token is one the sandbox accepts for that user.
        var protector = Services.GetRequiredService<ITokenProtector>();
        var access = protector.Unprotect(row.AccessToken!);
        var refresh = protector.Unprotect(row.RefreshToken!);
        Assert.DoesNotContain(access, Encoding.Latin1.GetString(row.AccessToken!), StringComparison.Ordinal);
        Assert.DoesNotContain(refresh, Encoding.Latin1.GetString(row.RefreshToken!), StringComparison.Ordinal);
        using var me = new HttpRequestMessage(HttpMethod.Get, new Uri(Sandbox.BaseUrl, "/v1/me"));
        me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
        using var meResponse = await Browser.SendAsync(me);
        Assert.Equal(HttpStatusCode.OK, meResponse.StatusCode);

        Assert.Equal(1, await CountAsync(
            "SELECT COUNT(*) FROM jobs WHERE source = 'spotify' AND job_type = 'sync_recently_played' AND subject = @subject AND account_id = @account AND state = 'pending'",
            new { subject = $"listener:{id}", account = AlphaId }));

        // No secret of the flow in any log line.
        var page = await response.Content.ReadAsStringAsync();
        var secrets = new[] { access, refresh, Query(back)["code"], Query(back)["state"], link.Query["?link=".Length..] };
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, page, StringComparison.Ordinal);
            Assert.DoesNotContain(Logs, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }

    [StoreFact]
    public async Task Connect_ThenTheQueuedFirstSync_ReadsRecentlyPlayedWithTheStoredToken()
    {
        var id = await ConnectAsync(12);
        var job = Assert.Single(await Store.ClaimAsync(new ClaimRequest("worker-a", 1, TimeSpan.FromMinutes(5), ["spotify"], []), CancellationToken.None));
        var handler = Services.GetRequiredService<JobHandlerRegistry>().Require(job.Source, job.JobType).Factory(Services);

        var outcome = await handler.ExecuteAsync(new JobContext(job, Services, Store, Services.GetRequiredService<ProviderGate>(), Time), CancellationToken.None);

        Assert.True(outcome is JobOutcome.Succeeded, outcome.ToString());
        Assert.Equal($"listener:{id}", job.Subject);
        Assert.InRange(await CountAsync("SELECT COUNT(*) FROM plays WHERE listener_id = @id", new { id }), 1, 50);
        Assert.Equal(1, Sandbox.RequestCount(Refrain.Sandbox.SandboxEndpoints.RecentlyPlayed));
    }

    [StoreFact]
    public async Task Callback_WithAStateNotSignedHere_Is400AndChangesNothing()
    {
        var id = await CreateListenerAsync(Alpha);
        var back = Query(await AuthorizeAsync(await OpenAsync(await LinkAsync(Alpha, id)), 1));

        using var forged = await CallbackAsync($"?code={Uri.EscapeDataString(back["code"])}&state=forged-state");
        using var tampered = await CallbackAsync($"?code={Uri.EscapeDataString(back["code"])}&state={back["state"][..^4]}AAAA");
        using var none = await CallbackAsync($"?code={Uri.EscapeDataString(back["code"])}");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Null((await TokenRowAsync(id)).AccessToken);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM jobs WHERE job_type = 'sync_recently_played'"));
    }

    [StoreFact]
    public async Task Callback_ReplayedState_Is400()
    {
        var id = await CreateListenerAsync(Alpha);
        var back = await AuthorizeAsync(await OpenAsync(await LinkAsync(Alpha, id)), 2);
        using var first = await CallbackAsync(back);
        var stored = await TokenRowAsync(id);

        using var replay = await CallbackAsync(back);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal(stored.AccessToken, (await TokenRowAsync(id)).AccessToken);
    }

    [StoreFact]
    public async Task Link_OpenedTwice_IsRefusedTheSecondTime()
    {
        var link = await LinkAsync(Alpha, await CreateListenerAsync(Alpha));
        await OpenAsync(link);

        using var again = await Browser.GetAsync(link);

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Null(again.Headers.Location);
    }

    [StoreFact]
    public async Task Link_AfterItsLifetime_IsRefused_AndAForgedOneToo()
    {
        var id = await CreateListenerAsync(Alpha);
        var response = await Alpha.PostAsync($"/api/listeners/{id}/connect-link", null);
        var body = await ReadJsonAsync(response);
        var link = new Uri(body.GetProperty("url").GetString()!);
        Assert.Equal(Time.GetUtcNow().AddHours(24), body.GetProperty("expires_at").GetDateTimeOffset());
        Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));

        using var expired = await Browser.GetAsync(link);
        using var forged = await Browser.GetAsync(new Uri(BaseAddress, "/connect/spotify/start?link=not-a-link"));
        using var missing = await Browser.GetAsync(new Uri(BaseAddress, "/connect/spotify/start"));

        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        // One answer for every bad link: which check failed is not told.
        Assert.Equal(await expired.Content.ReadAsStringAsync(), await forged.Content.ReadAsStringAsync());
    }

    [StoreFact]
    public async Task Link_MadeBeforeTheListenerHoldingItsIdWasCreated_IsRefused()
    {
        var id = await CreateListenerAsync(Alpha);
        var link = await LinkAsync(Alpha, id);
        // What a deleted listener's id given to a new one looks like when nothing removed its links (SQLite without the
        // foreign-key pragma): the listener holding the id is younger than the link.
        Time.Advance(TimeSpan.FromSeconds(1));
        await Store.WriteAsync((c, tx) => Dapper.SqlMapper.ExecuteAsync(c, "UPDATE listeners SET created_at = @now WHERE id = @id",
            new { id, now = Time.GetUtcNow().ToUnixTimeMilliseconds() }, tx), CancellationToken.None);

        using var opened = await Browser.GetAsync(link);

        Assert.Equal(HttpStatusCode.BadRequest, opened.StatusCode);
    }

    [StoreFact]
    public async Task AnotherAccountsListener_Is404ForLinkAndDisconnect()
    {
        var id = await ConnectAsync(3);

        using var link = await Beta.PostAsync($"/api/listeners/{id}/connect-link", null);
        using var disconnect = await Beta.PostAsync($"/api/listeners/{id}/disconnect", null);
        using var unknown = await Alpha.PostAsync("/api/listeners/999999/connect-link", null);

        await AssertProblemAsync(link, 404);
        await AssertProblemAsync(disconnect, 404);
        await AssertProblemAsync(unknown, 404);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM connect_links WHERE listener_id <> @id", new { id }));
        Assert.Equal("active", (await TokenRowAsync(id)).Status);
    }

    [StoreFact]
    public async Task Callback_AccessDenied_Is400AndLeavesTheListenerAsItWas()
    {
        var id = await CreateListenerAsync(Alpha);
        var before = await TokenRowAsync(id);
        var back = await AuthorizeAsync(await OpenAsync(await LinkAsync(Alpha, id)), 4, deny: true);

        using var response = await CallbackAsync(back);

        Assert.Equal("access_denied", Query(back)["error"]);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not granted", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await TokenRowAsync(id));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM jobs WHERE job_type = 'sync_recently_played'"));
    }

    [StoreFact]
    public async Task Disconnect_DropsTheTokens_AndReconnectWorks()
    {
        var id = await ConnectAsync(5);

        using var response = await Alpha.PostAsync($"/api/listeners/{id}/disconnect", null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var row = await TokenRowAsync(id);
        Assert.Equal(("disconnected", null, null, null), (row.Status, row.AccessToken, row.RefreshToken, row.AccessExpiresAt));

        await ConnectExistingAsync(id, 5);
        Assert.Equal("active", (await TokenRowAsync(id)).Status);
    }
}

public sealed class SqliteConnectFlowTests : ConnectFlowCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresConnectFlowTests : ConnectFlowCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Storage.PostgresDb.CreateAsync();
}
