using System.Net;
using Dapper;
using Refrain.Listening;
using Refrain.Tests.Http;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Admin.Listeners;

/// <summary>
/// Issue 7, <c>/admin/listeners</c> over real HTTP on both databases: sync status, token expiry in its warning band, the
/// enrichment progress bar with counts, uploads with their counts, and "Sync now" / "Enrich now" queueing what the API queues.
/// </summary>
public abstract class ListenerPagesCompliance : ApiTestBase
{
    private Task<long> CountAsync(string sql, object? args = null) =>
        Store.ReadAsync(c => c.ExecuteScalarAsync<long>(sql, args), CancellationToken.None);

    /// <summary>Alpha's listener "Ada": 4 plays (3 enriched, 1 pending), refresh token expiring in 20 days, 2 gaps, an error, one upload.</summary>
    private async Task<long> SeedListenerAsync(bool connected = false)
    {
        var id = await Store.CreateListenerAsync(AlphaId, "Ada", CancellationToken.None);
        var expires = Time.GetUtcNow().AddDays(20).AddHours(1).ToUnixTimeMilliseconds();
        await Store.WriteAsync((c, tx) => c.ExecuteAsync($"""
            UPDATE listeners SET refresh_expires_at = @expires, possible_gaps = 2, last_error = 'Spotify said 401', status = 'active'
                {(connected ? ", refresh_token = @token" : "")}
            WHERE id = @id
            """, new { id, expires, token = new byte[] { 1, 2, 3 } }, tx), CancellationToken.None);
        await Store.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO plays (listener_id, ingest_key, artist, title, norm_artist, norm_title, name_key, played_at, ms_played, source, precision_ms, enrich_state, created_at)
            VALUES (@id, 'k1', 'A', 'S1', 'a', 's1', 1, 1, 200000, 'extended', 1000, 'enriched', 1),
                   (@id, 'k2', 'A', 'S2', 'a', 's2', 2, 2, 200000, 'extended', 1000, 'enriched', 1),
                   (@id, 'k3', 'A', 'S3', 'a', 's3', 3, 3, 200000, 'extended', 1000, 'enriched', 1),
                   (@id, 'k4', 'A', 'S4', 'a', 's4', 4, 4, 200000, 'extended', 1000, 'pending', 1)
            """, new { id }, tx), CancellationToken.None);
        var upload = await Store.StartListenUploadAsync(id, "Streaming_History_Audio_2024.json", 1234, CancellationToken.None);
        await Store.FinishListenUploadAsync(upload, new ListenCounts { Imported = 4, Duplicate = 2, Short = 7, Incognito = 3, Podcast = 5, Invalid = 6 }, null, CancellationToken.None);
        return id;
    }

    [StoreFact]
    public async Task List_ShowsEachListener_WithStatusExpiryWarningGapsProgressAndError()
    {
        var id = await SeedListenerAsync();
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        var html = await admin.GetPageAsync("/admin/listeners");
        var text = AdminClient.Text(html);

        Assert.Contains($"href=\"/admin/listeners/{id}\"", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"progress\" title=\"75% enriched\"><span style=\"width:75%\"></span></div>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num warn\">20 d</td>", html, StringComparison.Ordinal);
        Assert.Contains("Ada alpha active", text, StringComparison.Ordinal);
        Assert.Contains("3 of 4 enriched · 1 pending · 0 unresolved Spotify said 401", text, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Detail_ShowsProgressInFull_AndUploadsWithTheirCounts()
    {
        var id = await SeedListenerAsync();
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        var html = await admin.GetPageAsync($"/admin/listeners/{id}");
        var text = AdminClient.Text(html);

        Assert.Contains("<span style=\"width:75%\">", html, StringComparison.Ordinal);
        Assert.Contains("75% enriched: 3 of 4 plays · 1 pending · 0 unresolved", text, StringComparison.Ordinal);
        Assert.Contains("20 d (warning: 30 days)", text, StringComparison.Ordinal);
        Assert.Contains("Possible gaps 2", text, StringComparison.Ordinal);
        Assert.Contains("Streaming_History_Audio_2024.json succeeded 4 2 7 3 5 6", text, StringComparison.Ordinal);
        Assert.Contains("Sync now", text, StringComparison.Ordinal);
        Assert.Contains("Enrich now", text, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task EnrichNow_StartsTheListenersEnrichmentRun_AsTheApiDoes()
    {
        var id = await SeedListenerAsync();
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        using var response = await admin.PostFormAsync($"/admin/listeners/{id}", new Dictionary<string, string> { ["task"] = "enrich" });
        var text = AdminClient.Text(await admin.GetPageAsync($"/admin/listeners/{id}"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/admin/listeners/{id}", response.Headers.Location?.OriginalString);
        Assert.Contains("Enrichment started", text, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(
            "SELECT COUNT(*) FROM jobs WHERE source = 'spotify' AND job_type = 'enrich_listener' AND subject = @subject AND state = 'pending' AND run_id IS NOT NULL",
            new { subject = $"listener:{id}" }));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM runs WHERE kind = 'spotify/enrich_listener' AND trigger_type = 'manual'"));
    }

    [StoreFact]
    public async Task SyncNow_QueuesASync_ForAConnectedListener_AndRefusesOneWithoutTokens()
    {
        var connected = await SeedListenerAsync(connected: true);
        var unconnected = await SeedListenerAsync();
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        using var ok = await admin.PostFormAsync($"/admin/listeners/{connected}", new Dictionary<string, string> { ["task"] = "sync" });
        var okText = AdminClient.Text(await admin.GetPageAsync($"/admin/listeners/{connected}"));
        using var refused = await admin.PostFormAsync($"/admin/listeners/{unconnected}", new Dictionary<string, string> { ["task"] = "sync" });
        var refusedText = AdminClient.Text(await admin.GetPageAsync($"/admin/listeners/{unconnected}"));

        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Contains("Sync queued", okText, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM jobs WHERE job_type = 'sync_recently_played' AND subject = @s", new { s = $"listener:{connected}" }));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("is not connected to Spotify", refusedText, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM jobs WHERE job_type = 'sync_recently_played' AND subject = @s", new { s = $"listener:{unconnected}" }));
    }

    [StoreFact]
    public async Task Post_WithoutAntiforgeryToken_Is400_AndUnknownListener_Is404()
    {
        var id = await SeedListenerAsync();
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);
        var token = AdminClient.Token(await admin.GetPageAsync($"/admin/listeners/{id}"));

        using var noToken = await admin.PostRawAsync($"/admin/listeners/{id}", [new("task", "enrich")]);
        using var page = await admin.GetAsync("/admin/listeners/999999");
        using var post = await admin.PostRawAsync("/admin/listeners/999999", [new("task", "enrich"), new("__af", token)]);

        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM jobs WHERE job_type = 'enrich_listener'"));
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }
}

public sealed class SqliteListenerPagesTests : ListenerPagesCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresListenerPagesTests : ListenerPagesCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Storage.PostgresDb.CreateAsync();
}
