using System.Net;
using System.Text.Json;
using Refrain.Tests.Http;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Measurements.Jobs;

namespace Refrain.Tests.Measurements.Api;

/// <summary>
/// The read side and the snapshot schedule on both databases: a song's and a catalog's series, daily and cumulative, with
/// Songstats preferred over a snapshot of the same day; bad dates named; another account's song or catalog 404.
/// </summary>
public abstract class MeasurementsReadApiCompliance : ApiTestBase
{
    private const string A = "USAAA2400001";
    private const string B = "USAAA2400002";

    private async Task<(long Catalog, long SongA)> SeedAsync()
    {
        var catalog = await MeasurementSeed.ImportAsync(Store, AlphaId, "main",
            $"Alpha,Band,First,{A},200000,0000000000000000000001,,2020",
            $"Beta,Band,First,{B},200000,0000000000000000000002,,");
        // A: 1000 on the 1st, 1100 on the 2nd, nothing on the 3rd, 1400 on the 4th; a snapshot of the 2nd says 1090.
        await Store.UpsertMeasurementsAsync(A, "spotify", "streams", "songstats",
            [new(new DateOnly(2026, 11, 1), 1000), new(new DateOnly(2026, 11, 2), 1100), new(new DateOnly(2026, 11, 4), 1400)], CancellationToken.None);
        await Store.UpsertMeasurementsAsync(A, "spotify", "streams", "snapshot", [new(new DateOnly(2026, 11, 2), 1090)], CancellationToken.None);
        await Store.UpsertMeasurementsAsync(B, "spotify", "streams", "songstats",
            [new(new DateOnly(2026, 11, 1), 50), new(new DateOnly(2026, 11, 2), 80)], CancellationToken.None);
        var songs = await ReadJsonAsync(await Alpha.GetAsync($"/api/catalogs/{catalog}/songs"));
        var songA = songs.GetProperty("items").EnumerateArray().First(s => s.GetProperty("isrc").GetString() == A).GetProperty("id").GetInt64();
        return (catalog, songA);
    }

    private static List<(string? Date, long? Value)> Points(JsonElement body) =>
        body.GetProperty("points").EnumerateArray()
            .Select(p => (p.GetProperty("date").GetString(), p.GetProperty("value").ValueKind == JsonValueKind.Null ? (long?)null : p.GetProperty("value").GetInt64()))
            .ToList();

    [StoreFact]
    public async Task Song_Daily_IsTheDifferenceFromThePreviousDay_NullAfterAGap()
    {
        var (_, song) = await SeedAsync();

        var body = await ReadJsonAsync(await Alpha.GetAsync($"/api/songs/{song}/measurements?from=2026-11-01&to=2026-11-30"));

        Assert.Equal(A, body.GetProperty("recording").GetString());
        Assert.Equal([("2026-11-01", null), ("2026-11-02", 100), ("2026-11-04", null)], Points(body));
        Assert.Equal("songstats", body.GetProperty("points")[1].GetProperty("source").GetString());
    }

    [StoreFact]
    public async Task Song_Cumulative_ShowsTheTotals_WithinTheRange()
    {
        var (_, song) = await SeedAsync();

        var body = await ReadJsonAsync(await Alpha.GetAsync($"/api/songs/{song}/measurements?from=2026-11-02&granularity=cumulative"));

        Assert.Equal([("2026-11-02", 1100), ("2026-11-04", 1400)], Points(body));
    }

    [StoreFact]
    public async Task Catalog_SumsItsRecordingsPerDay()
    {
        var (catalog, _) = await SeedAsync();

        var cumulative = await ReadJsonAsync(await Alpha.GetAsync($"/api/catalogs/{catalog}/measurements?granularity=cumulative"));
        var daily = await ReadJsonAsync(await Alpha.GetAsync($"/api/catalogs/{catalog}/measurements"));

        Assert.Equal([("2026-11-01", 1050), ("2026-11-02", 1180), ("2026-11-04", 1400)], Points(cumulative));
        Assert.Equal([("2026-11-01", null), ("2026-11-02", 130), ("2026-11-04", null)], Points(daily));
        Assert.Equal(2, cumulative.GetProperty("points")[0].GetProperty("recordings").GetInt32());
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2026-11-05&to=2026-11-01", "from")]
    [InlineData("granularity=weekly", "granularity")]
    [InlineData("platform=deezer", "platform")]
    public async Task BadParameters_Answer400NamingThem(string query, string field)
    {
        var (catalog, song) = await SeedAsync();

        var forSong = await AssertProblemAsync(await Alpha.GetAsync($"/api/songs/{song}/measurements?{query}"), 400);
        var forCatalog = await AssertProblemAsync(await Alpha.GetAsync($"/api/catalogs/{catalog}/measurements?{query}"), 400);

        Assert.Equal((field, field), (forSong.GetProperty("field").GetString(), forCatalog.GetProperty("field").GetString()));
    }

    [StoreFact]
    public async Task AnotherAccountsSongAndCatalog_AreNotFound()
    {
        var (catalog, song) = await SeedAsync();

        await AssertProblemAsync(await Beta.GetAsync($"/api/songs/{song}/measurements"), 404);
        await AssertProblemAsync(await Beta.GetAsync($"/api/catalogs/{catalog}/measurements"), 404);
    }

    [StoreFact]
    public async Task SnapshotSchedule_CreatesThenChangesTheAccountsSchedule_AndRejectsABadCron()
    {
        var (catalog, _) = await SeedAsync();

        var created = await Alpha.PutAsync($"/api/catalogs/{catalog}/snapshot-schedule", Json("""{"cron": "0 5 1 * *"}"""));
        var changed = await Alpha.PutAsync($"/api/catalogs/{catalog}/snapshot-schedule", Json("""{"cron": "0 6 1 * *", "time_zone": "Europe/Berlin"}"""));
        var bad = await AssertProblemAsync(await Alpha.PutAsync($"/api/catalogs/{catalog}/snapshot-schedule", Json("""{"cron": "61 5 1 * *"}""")), 400);
        var zone = await AssertProblemAsync(await Alpha.PutAsync($"/api/catalogs/{catalog}/snapshot-schedule", Json("""{"cron": "0 5 1 * *", "time_zone": "Mars/Base"}""")), 400);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await ReadJsonAsync(created);
        Assert.Equal(("snapshot/catalog_snapshot", AlphaId, "2026-12-01T05:00:00+00:00"),
            (body.GetProperty("job").GetString(), body.GetProperty("account_id").GetInt64(), body.GetProperty("next_fire_at").GetDateTimeOffset().ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(catalog, body.GetProperty("args").GetProperty("catalog_id").GetInt64());
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("0 6 1 * *", (await ReadJsonAsync(changed)).GetProperty("cron").GetString());
        Assert.Equal(("cron", "time_zone"), (bad.GetProperty("field").GetString(), zone.GetProperty("field").GetString()));
        await AssertProblemAsync(await Beta.PutAsync($"/api/catalogs/{catalog}/snapshot-schedule", Json("""{"cron": "0 5 1 * *"}""")), 404);
    }
}

public sealed class SqliteMeasurementsReadApiTests : MeasurementsReadApiCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new Tests.Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Tests.Storage.SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresMeasurementsReadApiTests : MeasurementsReadApiCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Tests.Storage.PostgresDb.CreateAsync();
}
