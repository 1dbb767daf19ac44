using System.Net;
using System.Text.Json;
using Dapper;
using Refrain.Listening;
using Refrain.Tests.Http;
using Refrain.Tests.Infrastructure;
using static Refrain.Tests.Listening.HistoryFiles;

namespace Refrain.Tests.Listening;

/// <summary><c>/api/listeners</c> on both databases: create, list, progress, delete with its plays, scoping, bad bodies.</summary>
public abstract class ListenersApiCompliance : ApiTestBase, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("refrain-listeners-api-").FullName;

    /// <summary>xunit disposes the test class after <c>DisposeAsync</c>: the generated history files go with it.</summary>
    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    private async Task<long> CreateAsync(HttpClient client, string name)
    {
        var response = await client.PostAsync("/api/listeners", Json(JsonSerializer.Serialize(new { display_name = name })));
        var body = await ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetInt64();
    }

    /// <summary>Four plays stored (one more too short to count), through the importer the CLI uses.</summary>
    private async Task ImportFourPlaysAsync(long listener, string file)
    {
        var path = Write(_dir, file, new object[]
        {
            Extended("2024-02-01T08:00:00Z", "Jolene", "Dolly Parton"),
            Extended("2024-02-01T08:10:00Z", "9 to 5", "Dolly Parton"),
            Extended("2024-02-01T08:20:00Z", "Mr. Brightside", "The Killers"),
            Extended("2024-02-01T08:30:00Z", "Human", "The Killers"),
            Extended("2024-02-01T08:40:00Z", "Skipped", "The Killers", msPlayed: 1000),
        });
        var result = await new ListenImporter(Store).ImportAsync(listener, path, CancellationToken.None);
        Assert.Null(result.Error);
        Assert.Equal(4, result.Counts.Imported);
    }

    private Task<long> CountAsync(string sql, object? args = null) =>
        Store.ReadAsync(c => c.ExecuteScalarAsync<long>(sql, args), CancellationToken.None);

    [StoreFact]
    public async Task Create_Is201InTheCallersAccount_AndListShowsItOnlyToThatAccountAndAdmins()
    {
        var response = await Alpha.PostAsync("/api/listeners", Json("""{"display_name": "  Alice  "}"""));
        var created = await ReadJsonAsync(response);
        var adminsOwn = await CreateAsync(Admin, "Root");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal($"/api/listeners/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(("Alice", AlphaId, "active"),
            (created.GetProperty("display_name").GetString(), created.GetProperty("account_id").GetInt64(), created.GetProperty("status").GetString()));
        var alphaList = (await ReadJsonAsync(await Alpha.GetAsync("/api/listeners"))).GetProperty("items").EnumerateArray().ToList();
        var betaList = (await ReadJsonAsync(await Beta.GetAsync("/api/listeners"))).GetProperty("items").EnumerateArray().ToList();
        var adminList = (await ReadJsonAsync(await Admin.GetAsync("/api/listeners"))).GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("id").GetInt64(), i.GetProperty("account_id").GetInt64())).ToList();
        Assert.Equal([id], alphaList.Select(i => i.GetProperty("id").GetInt64()));
        Assert.Empty(betaList);
        Assert.Equal([(id, AlphaId), (adminsOwn, 1L)], adminList);
    }

    [StoreFact]
    public async Task List_PagesWithACursor_AndRejectsABadLimit()
    {
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await CreateAsync(Alpha, $"Listener {i}"));
        }

        var first = await ReadJsonAsync(await Alpha.GetAsync("/api/listeners?limit=2"));
        var cursor = first.GetProperty("next_cursor").GetString();
        var second = await ReadJsonAsync(await Alpha.GetAsync($"/api/listeners?limit=2&cursor={Uri.EscapeDataString(cursor!)}"));
        var badLimit = await AssertProblemAsync(await Alpha.GetAsync("/api/listeners?limit=0"), 400);

        Assert.Equal(ids, first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next_cursor").ValueKind);
        Assert.Equal("limit", badLimit.GetProperty("field").GetString());
    }

    [StoreFact]
    public async Task Get_ReportsPlaysByEnrichmentState_TokenStatusAndExpiry_ButNeverTheTokens()
    {
        var id = await CreateAsync(Alpha, "Alice");
        await ImportFourPlaysAsync(id, "Streaming_History_Audio_0.json");
        var accessUntil = Time.GetUtcNow().AddHours(1);
        var refreshUntil = Time.GetUtcNow().AddDays(180);
        var lastSync = Time.GetUtcNow().AddMinutes(-5);
        await Store.WriteAsync((c, tx) => c.ExecuteAsync("""
            UPDATE plays SET enrich_state = CASE title WHEN 'Jolene' THEN 'enriched' WHEN 'Human' THEN 'unresolved' ELSE enrich_state END
            WHERE listener_id = @id;
            UPDATE listeners SET access_token = @secret, refresh_token = @secret, access_expires_at = @access, refresh_expires_at = @refresh,
                status = 'reauth_required', last_sync_at = @sync, last_error = 'refresh refused', spotify_user_id = 'alice-sp'
            WHERE id = @id
            """, new
        {
            id, secret = "super-secret-token"u8.ToArray(), access = accessUntil.ToUnixTimeMilliseconds(), refresh = refreshUntil.ToUnixTimeMilliseconds(),
            sync = lastSync.ToUnixTimeMilliseconds(),
        }, tx), CancellationToken.None);

        var response = await Alpha.GetAsync($"/api/listeners/{id}");
        var text = await response.Content.ReadAsStringAsync();
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((4L, 1L, 2L, 1L, 25.0), (body.GetProperty("total_plays").GetInt64(), body.GetProperty("enriched").GetInt64(),
            body.GetProperty("pending").GetInt64(), body.GetProperty("unresolved").GetInt64(), body.GetProperty("percent_enriched").GetDouble()));
        Assert.Equal(("reauth_required", "refresh refused", "alice-sp"),
            (body.GetProperty("status").GetString(), body.GetProperty("last_error").GetString(), body.GetProperty("spotify_user_id").GetString()));
        Assert.Equal((accessUntil, refreshUntil, lastSync), (body.GetProperty("access_expires_at").GetDateTimeOffset(),
            body.GetProperty("refresh_expires_at").GetDateTimeOffset(), body.GetProperty("last_sync_at").GetDateTimeOffset()));
        Assert.Equal((180L, JsonValueKind.Null, 0L, JsonValueKind.Null), (body.GetProperty("refresh_expires_in_days").GetInt64(),
            body.GetProperty("expiry_warning").ValueKind, body.GetProperty("possible_gaps").GetInt64(), body.GetProperty("last_gap_at").ValueKind));
        Assert.DoesNotContain(Convert.ToBase64String("super-secret-token"u8), text, StringComparison.Ordinal);
        Assert.DoesNotContain("super-secret-token", text, StringComparison.Ordinal);
        Assert.False(body.TryGetProperty("access_token", out _) || body.TryGetProperty("refresh_token", out _), text);
    }

    [StoreFact]
    public async Task Get_WarnsOfARefreshTokenExpiringWithin30And7Days_AndReportsPossibleGaps()
    {
        var month = await CreateAsync(Alpha, "Month");
        var week = await CreateAsync(Alpha, "Week");
        var gapAt = Time.GetUtcNow().AddHours(-3);
        await Store.WriteAsync((c, tx) => c.ExecuteAsync("""
            UPDATE listeners SET refresh_token = @secret, refresh_expires_at = CASE id WHEN @month THEN @in30 ELSE @in7 END,
                possible_gaps = CASE id WHEN @week THEN 3 ELSE 0 END, last_gap_at = CASE id WHEN @week THEN @gapAt ELSE NULL END
            WHERE id IN (@month, @week)
            """, new
        {
            month, week, secret = new byte[] { 1 }, in30 = Time.GetUtcNow().AddDays(30).ToUnixTimeMilliseconds(),
            in7 = Time.GetUtcNow().AddDays(6.5).ToUnixTimeMilliseconds(), gapAt = gapAt.ToUnixTimeMilliseconds(),
        }, tx), CancellationToken.None);

        var m = await ReadJsonAsync(await Alpha.GetAsync($"/api/listeners/{month}"));
        var w = await ReadJsonAsync(await Alpha.GetAsync($"/api/listeners/{week}"));

        Assert.Equal((30L, "30_days", 0L), (m.GetProperty("refresh_expires_in_days").GetInt64(), m.GetProperty("expiry_warning").GetString(), m.GetProperty("possible_gaps").GetInt64()));
        Assert.Equal((6L, "7_days", 3L, gapAt), (w.GetProperty("refresh_expires_in_days").GetInt64(), w.GetProperty("expiry_warning").GetString(),
            w.GetProperty("possible_gaps").GetInt64(), w.GetProperty("last_gap_at").GetDateTimeOffset()));
    }

    [StoreFact]
    public async Task Get_OfAListenerWithNoPlays_IsZeroPercent()
    {
        var id = await CreateAsync(Alpha, "Alice");

        var body = await ReadJsonAsync(await Alpha.GetAsync($"/api/listeners/{id}"));

        Assert.Equal((0L, 0.0, JsonValueKind.Null), (body.GetProperty("total_plays").GetInt64(), body.GetProperty("percent_enriched").GetDouble(),
            body.GetProperty("access_expires_at").ValueKind));
    }

    [StoreFact]
    public async Task Delete_PurgesThatListenersPlaysTombstonesAndTokens_AndNoOtherListeners()
    {
        var gone = await CreateAsync(Alpha, "Gone");
        var kept = await CreateAsync(Alpha, "Kept");
        await ImportFourPlaysAsync(gone, "a.json");
        await ImportFourPlaysAsync(kept, "b.json");
        await Store.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO play_tombstones (listener_id, ingest_key, deleted_at) VALUES (@gone, 'k1', 1), (@kept, 'k2', 1);
            INSERT INTO connect_links (nonce, listener_id, expires_at, created_at) VALUES ('n1', @gone, 1, 1);
            INSERT INTO listen_uploads (listener_id, file_name, created_at) VALUES (@gone, 'a.json', 1);
            """, new { gone, kept }, tx), CancellationToken.None);

        var deleted = await Alpha.DeleteAsync($"/api/listeners/{gone}");
        var again = await Alpha.DeleteAsync($"/api/listeners/{gone}");
        var get = await Alpha.GetAsync($"/api/listeners/{gone}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await AssertProblemAsync(again, 404);
        await AssertProblemAsync(get, 404);
        Assert.Equal((0L, 0L, 0L), (await CountAsync("SELECT COUNT(*) FROM plays WHERE listener_id = @gone", new { gone }),
            await CountAsync("SELECT COUNT(*) FROM play_tombstones WHERE listener_id = @gone", new { gone }),
            await CountAsync("SELECT COUNT(*) FROM listeners WHERE id = @gone", new { gone })));
        Assert.Equal((0L, 0L), (await CountAsync("SELECT COUNT(*) FROM connect_links WHERE listener_id = @gone", new { gone }),
            await CountAsync("SELECT COUNT(*) FROM listen_uploads WHERE listener_id = @gone", new { gone })));
        Assert.Equal((4L, 1L), (await CountAsync("SELECT COUNT(*) FROM plays WHERE listener_id = @kept", new { kept }),
            await CountAsync("SELECT COUNT(*) FROM play_tombstones WHERE listener_id = @kept", new { kept })));
    }

    [StoreFact]
    public async Task AnotherAccountsOrAnUnknownListener_Is404_AndDeleteByAnotherAccountPurgesNothing()
    {
        var id = await CreateAsync(Alpha, "Alice");
        await ImportFourPlaysAsync(id, "a.json");

        var betaGet = await Beta.GetAsync($"/api/listeners/{id}");
        var betaDelete = await Beta.DeleteAsync($"/api/listeners/{id}");
        var unknown = await Alpha.GetAsync("/api/listeners/999999");
        var unknownDelete = await Alpha.DeleteAsync("/api/listeners/999999");
        var admin = await Admin.GetAsync($"/api/listeners/{id}");

        foreach (var response in new[] { betaGet, betaDelete, unknown, unknownDelete })
        {
            var problem = await AssertProblemAsync(response, 404);
            Assert.DoesNotContain("Alice", problem.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal(4, await CountAsync("SELECT COUNT(*) FROM plays WHERE listener_id = @id", new { id }));
        Assert.Equal(HttpStatusCode.OK, (await Alpha.GetAsync($"/api/listeners/{id}")).StatusCode);
    }

    [StoreFact]
    public async Task BadBodies_Are400NamingTheField_AndCreateNothing()
    {
        var cases = new (string Body, string Field)[]
        {
            ("""{"display_name": "Alice", "colour": "red"}""", "colour"),
            ("""{"display_name": "   "}""", "display_name"),
            ("""{}""", "display_name"),
            ($$"""{"display_name": "{{new string('x', 201)}}"}""", "display_name"),
            ("""{"display_name": 5}""", "display_name"),
        };

        foreach (var (body, field) in cases)
        {
            var problem = await AssertProblemAsync(await Alpha.PostAsync("/api/listeners", Json(body)), 400);
            Assert.True(problem.GetProperty("field").GetString() == field, $"{body}: {problem}");
        }

        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM listeners"));
    }
}

public sealed class SqliteListenersApiTests : ListenersApiCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresListenersApiTests : ListenersApiCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Storage.PostgresDb.CreateAsync();
}
