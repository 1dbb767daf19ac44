using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Refrain.Jobs;
using Refrain.Runs;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Http;

/// <summary>
/// The seed's review comment, as a test: with another account's key, every route that takes an id answers 404 and changes
/// nothing, and every list route shows none of the other account's rows. The routes come from the running app's endpoints,
/// so a new id-taking or list route that is not covered here fails the test until it is.
/// </summary>
public abstract class TenantIsolationCompliance : ApiTestBase
{
    private const string Marker = "alpha-marker";

    /// <summary>Values only alpha's resources hold (never in a URL), so a 404 that echoes the request is not taken for a leak.</summary>
    private static readonly string[] AlphaOnly = ["0 4 * * *", "Alpha Artist", "USAAA2600001", "0123456789abcdefABCDEF", "refresh_link", "test/" + Marker];

    /// <summary>Routes with ids whose resources are not any account's: exempt from the 404 walk, each for a stated reason.</summary>
    private static readonly Dictionary<string, string> NotTenantData = new()
    {
        ["POST /api/providers/{name}/pause"] = "providers are shared by every account; member keys get 403 (ProvidersApiTests)",
        ["POST /api/providers/{name}/resume"] = "providers are shared by every account; member keys get 403 (ProvidersApiTests)",
        ["POST /api/cron/{schedule}"] = "authenticated by the cron secret, not a key (CronApiTests); checked below to refuse keys",
    };

    /// <summary>List routes with no account data in them.</summary>
    private static readonly HashSet<string> SharedLists = ["GET /api/providers"];

    [StoreFact]
    public async Task EveryIdRoute_WithAnotherAccountsKey_Is404AndChangesNothing()
    {
        var alpha = await SeedAlphaAsync();
        var requests = IdRoutes(alpha);
        var uncovered = Endpoints().Where(e => e.HasParameters && !requests.ContainsKey(e.Key) && !NotTenantData.ContainsKey(e.Key)).Select(e => e.Key).ToList();
        Assert.True(uncovered.Count == 0, "id-taking routes the isolation test does not cover:\n" + string.Join('\n', uncovered));
        var before = await SnapshotAsync(alpha);

        var leaks = new List<string>();
        foreach (var (route, (method, url, body)) in requests)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = body is null ? null : Json(body) };
            var response = await Beta.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.NotFound || AlphaOnly.Any(v => text.Contains(v, StringComparison.Ordinal)))
            {
                leaks.Add($"{route} ({method} {url}): {(int)response.StatusCode} {text}");
            }
        }

        Assert.True(leaks.Count == 0, "routes that did not answer 404 to another account's key:\n" + string.Join('\n', leaks));
        Assert.Equal(before, await SnapshotAsync(alpha));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Beta.PostAsync("/api/cron/" + Marker, null)).StatusCode);
    }

    [StoreFact]
    public async Task EveryListRoute_WithAnotherAccountsKey_ShowsNoneOfItsRows()
    {
        await SeedAlphaAsync();
        var lists = ListRoutes();
        var uncovered = Endpoints().Where(e => !e.HasParameters && e.Method == "GET" && e.Key.StartsWith("GET /api/", StringComparison.Ordinal)
            && !lists.ContainsKey(e.Key) && !SharedLists.Contains(e.Key)).Select(e => e.Key).ToList();
        Assert.True(uncovered.Count == 0, "list routes the isolation test does not cover:\n" + string.Join('\n', uncovered));

        foreach (var (route, (url, alphaSeesMarker)) in lists)
        {
            var asBeta = await Beta.GetAsync(url);
            var asAlpha = await Alpha.GetAsync(url);
            var betaText = await asBeta.Content.ReadAsStringAsync();
            var alphaText = await asAlpha.Content.ReadAsStringAsync();

            Assert.True(asBeta.StatusCode == HttpStatusCode.OK, $"{route} as beta: {(int)asBeta.StatusCode} {betaText}");
            Assert.False(betaText.Contains(Marker, StringComparison.Ordinal), $"{route} shows alpha's rows to beta: {betaText}");
            Assert.Equal(0, JsonDocument.Parse(betaText).RootElement.GetProperty("items").EnumerateArray()
                .Count(i => i.TryGetProperty("account_id", out var a) && a.ValueKind == JsonValueKind.Number && a.GetInt64() == AlphaId));
            if (alphaSeesMarker)
            {
                // The same list with alpha's key does show the row: the check above could have failed.
                Assert.True(alphaText.Contains(Marker, StringComparison.Ordinal), $"{route} as alpha should show alpha's row: {alphaText}");
            }
        }
    }

    private sealed record AlphaData(long JobId, long RunId, long CatalogId, long SongId, long ListenerId);

    private async Task<AlphaData> SeedAlphaAsync()
    {
        var job = await Store.EnqueueAsync(new NewJob("spotify", "refresh_link", Marker) { AccountId = AlphaId, UniqueKey = "" }, CancellationToken.None);
        var run = await Store.StartRunAsync(new RunStart($"test/{Marker}", AlphaId, "manual", "test"),
            new NewJob("system", "noop", Marker + "-run") { AccountId = AlphaId, UniqueKey = "" }, CancellationToken.None);
        var schedule = await Alpha.PutAsync($"/api/schedules/{Marker}", Json("""{"cron": "0 4 * * *", "job": "system/noop"}"""));
        Assert.True(schedule.IsSuccessStatusCode, await schedule.Content.ReadAsStringAsync());
        var catalog = await ReadJsonAsync(await Alpha.PostAsync("/api/catalogs", Json($$"""{"name": "{{Marker}}"}""")));
        var catalogId = catalog.GetProperty("id").GetInt64();
        var upload = await Alpha.PostAsync($"/api/catalogs/{catalogId}/songs", Json($$"""
            [{"title": "{{Marker}} song", "artists": ["Alpha Artist"], "album": "Alpha", "isrc": "USAAA2600001", "duration_ms": 200000,
              "spotify_track_id": "0123456789abcdefABCDEF"}]
            """));
        Assert.True(upload.IsSuccessStatusCode, await upload.Content.ReadAsStringAsync());
        var songs = await ReadJsonAsync(await Alpha.GetAsync($"/api/catalogs/{catalogId}/songs"));
        var songId = songs.GetProperty("items")[0].GetProperty("id").GetInt64();
        var listener = await ReadJsonAsync(await Alpha.PostAsync("/api/listeners", Json($$"""{"display_name": "{{Marker}} listener"}""")));
        var listenerId = listener.GetProperty("id").GetInt64();
        await Store.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO plays (listener_id, ingest_key, artist, title, norm_artist, norm_title, name_key, played_at, ms_played, source, precision_ms, created_at)
            VALUES (@listenerId, 'alpha-play', 'Alpha Artist', 'Alpha Song', 'alpha artist', 'alpha song', 1, 1, 200000, 'extended', 1000, 1)
            """, new { listenerId }, tx), CancellationToken.None);
        return new AlphaData(job.JobId, run.RunId!.Value, catalogId, songId, listenerId);
    }

    /// <summary>Every id-taking route, keyed as "METHOD pattern", with a request naming alpha's resource.</summary>
    private Dictionary<string, (string Method, string Url, string? Body)> IdRoutes(AlphaData a)
    {
        var schedule = $"/api/schedules/{Marker}?account_id={AlphaId}";
        return new()
        {
            ["GET /api/jobs/{id:long}"] = ("GET", $"/api/jobs/{a.JobId}", null),
            ["POST /api/jobs/{id:long}/retry"] = ("POST", $"/api/jobs/{a.JobId}/retry", null),
            ["POST /api/jobs/{id:long}/cancel"] = ("POST", $"/api/jobs/{a.JobId}/cancel", null),
            ["GET /api/tasks/runs/{id:long}"] = ("GET", $"/api/tasks/runs/{a.RunId}", null),
            ["POST /api/tasks/runs/{id:long}/retry-dead"] = ("POST", $"/api/tasks/runs/{a.RunId}/retry-dead", null),
            ["GET /api/schedules/{name}"] = ("GET", schedule, null),
            ["PUT /api/schedules/{name}"] = ("PUT", schedule, """{"cron": "0 5 * * *", "job": "system/noop"}"""),
            ["POST /api/schedules/{name}/pause"] = ("POST", $"/api/schedules/{Marker}/pause?account_id={AlphaId}", null),
            ["POST /api/schedules/{name}/resume"] = ("POST", $"/api/schedules/{Marker}/resume?account_id={AlphaId}", null),
            ["POST /api/schedules/{name}/trigger"] = ("POST", $"/api/schedules/{Marker}/trigger?account_id={AlphaId}", null),
            ["DELETE /api/schedules/{name}"] = ("DELETE", schedule, null),
            ["GET /api/catalogs/{id:long}"] = ("GET", $"/api/catalogs/{a.CatalogId}", null),
            ["GET /api/catalogs/{id:long}/songs"] = ("GET", $"/api/catalogs/{a.CatalogId}/songs", null),
            ["GET /api/catalogs/{id:long}/measurements"] = ("GET", $"/api/catalogs/{a.CatalogId}/measurements", null),
            ["PUT /api/catalogs/{id:long}/snapshot-schedule"] = ("PUT", $"/api/catalogs/{a.CatalogId}/snapshot-schedule", """{"cron": "0 5 1 * *"}"""),
            ["GET /api/songs/{id:long}/measurements"] = ("GET", $"/api/songs/{a.SongId}/measurements", null),
            ["POST /api/catalogs/{id:long}/songs"] = ("POST", $"/api/catalogs/{a.CatalogId}/songs",
                """[{"title": "Intruder", "artists": ["Beta"], "album": "B", "duration_ms": 100000}]"""),
            ["GET /api/listeners/{id:long}"] = ("GET", $"/api/listeners/{a.ListenerId}", null),
            ["DELETE /api/listeners/{id:long}"] = ("DELETE", $"/api/listeners/{a.ListenerId}", null),
            ["POST /api/listeners/{id:long}/connect-link"] = ("POST", $"/api/listeners/{a.ListenerId}/connect-link", null),
            ["POST /api/listeners/{id:long}/disconnect"] = ("POST", $"/api/listeners/{a.ListenerId}/disconnect", null),
            ["POST /api/listeners/{id:long}/sync"] = ("POST", $"/api/listeners/{a.ListenerId}/sync", null),
            ["POST /api/listeners/{id:long}/uploads"] = ("POST", $"/api/listeners/{a.ListenerId}/uploads", "[]"),
            ["GET /api/listeners/{id:long}/uploads"] = ("GET", $"/api/listeners/{a.ListenerId}/uploads", null),
            ["GET /api/listeners/{id:long}/uploads/{uploadId:long}"] = ("GET", $"/api/listeners/{a.ListenerId}/uploads/1", null),
            ["POST /api/listeners/{id:long}/enrich"] = ("POST", $"/api/listeners/{a.ListenerId}/enrich", null),
            ["DELETE /api/listeners/{id:long}/plays"] = ("DELETE", $"/api/listeners/{a.ListenerId}/plays?from=2000-01-01T00:00:00Z", null),
            ["POST /api/reviews/duration-mismatches/{song_id:long}"] = ("POST", $"/api/reviews/duration-mismatches/{a.SongId}", """{"action": "unlink"}"""),
        };
    }

    /// <summary>Every list route with a URL, and whether alpha's own key sees alpha's marker in it.</summary>
    private static Dictionary<string, (string Url, bool AlphaSeesMarker)> ListRoutes() =>
        new()
        {
            ["GET /api/jobs"] = ("/api/jobs", true),
            ["GET /api/tasks/runs"] = ("/api/tasks/runs", true),
            ["GET /api/schedules"] = ("/api/schedules", true),
            ["GET /api/catalogs"] = ("/api/catalogs", true),
            ["GET /api/listeners"] = ("/api/listeners", true),
            ["GET /api/reviews/duration-mismatches"] = ("/api/reviews/duration-mismatches", false),
            ["GET /api/quota"] = ("/api/quota", false),
            ["GET /api/notifications"] = ("/api/notifications", false),
        };

    /// <summary>Everything of alpha's the walk could have changed.</summary>
    private async Task<string> SnapshotAsync(AlphaData a)
    {
        var jobs = await Store.ListJobsAsync(new JobFilter { AccountId = AlphaId, Limit = 1000 }, CancellationToken.None);
        var run = await Store.GetRunAsync(a.RunId, CancellationToken.None);
        var schedule = await Store.GetScheduleAsync(AlphaId, Marker, CancellationToken.None);
        var songs = await ReadJsonAsync(await Alpha.GetAsync($"/api/catalogs/{a.CatalogId}/songs"));
        var listener = await ReadJsonAsync(await Alpha.GetAsync($"/api/listeners/{a.ListenerId}"));
        return string.Join('\n',
            string.Join(',', jobs.Select(j => $"{j.Id}:{j.State}:{j.Attempts}")),
            $"{run!.State}:{run.Total}",
            $"{schedule!.Cron}:{schedule.Enabled}:{schedule.NextFireAt}",
            songs.GetProperty("items").ToString(),
            listener.ToString());
    }

    private sealed record Endpoint(string Method, string Pattern, bool HasParameters)
    {
        public string Key => $"{Method} {Pattern}";
    }

    private List<Endpoint> Endpoints() =>
        Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => new Endpoint(m, e.RoutePattern.RawText!.TrimEnd('/'), e.RoutePattern.Parameters.Count > 0)))
            .ToList();
}

public sealed class SqliteTenantIsolationTests : TenantIsolationCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresTenantIsolationTests : TenantIsolationCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Storage.PostgresDb.CreateAsync();
}
