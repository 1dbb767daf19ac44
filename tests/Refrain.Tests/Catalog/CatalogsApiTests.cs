using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dapper;
using Refrain.Tests.Http;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Catalog;

/// <summary>
/// <c>/api/catalogs</c> on both databases: creating and listing catalogs, streamed JSON and CSV uploads validated as the CLI
/// import validates a file, the upload's own body limit, the songs listing, and tenant scoping on every route.
/// </summary>
public abstract class CatalogsApiCompliance : ApiTestBase
{
    private const string Header = "title,artists,album,isrc,duration_ms,spotify_track_id,musicbrainz_recording_id,release_date";
    private const string Killers = "Mr. Brightside,The Killers,Hot Fuss,USIR20400274,222075,3n3Ppam7vgaVa1iaRUc9Lp,,2004";
    private const string Chemical = "Hey Boy Hey Girl,The Chemical Brothers,Surrender,GBAAA9900303,,3JXb8nG5MNRdIvs6ahkkOQ,,1999-06-21";
    private const string Jolene = "Jolene,Dolly Parton,Jolene,,161000,,,";

    private const string JsonSongs = """
        [
          {"title": "Mr. Brightside", "artists": ["The Killers"], "album": "Hot Fuss", "isrc": "USIR20400274", "duration_ms": 222075,
           "spotify_track_id": "3n3Ppam7vgaVa1iaRUc9Lp", "release_date": "2004"},
          {"title": "Jolene", "artists": ["Dolly Parton"], "duration_ms": 161000}
        ]
        """;

    /// <summary>A small global body limit and a larger upload limit, so a test can tell which one a route obeys.</summary>
    protected override Dictionary<string, string?> Settings => new()
    {
        ["Api:MaxBodyBytes"] = "4096",
        ["Api:MaxUploadBytes"] = "131072",
    };

    private async Task<long> CreateCatalogAsync(HttpClient client, string name)
    {
        var response = await client.PostAsync("/api/catalogs", Json($$"""{"name": "{{name}}"}"""));
        var body = await ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetInt64();
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, new MediaTypeHeaderValue("text/csv"));

    private static string CsvOf(params string[] lines) => string.Join('\n', [Header, .. lines]) + "\n";

    private Task<long> CountAsync(string sql, object? args = null) =>
        Store.ReadAsync(c => c.ExecuteScalarAsync<long>(sql, args), CancellationToken.None);

    [StoreFact]
    public async Task Create_AnswersIdAndName_AndTheSameNameInAnotherAccountIsFine()
    {
        var response = await Alpha.PostAsync("/api/catalogs", Json("""{"name": "main"}"""));
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("main", body.GetProperty("name").GetString());
        Assert.Equal(AlphaId, body.GetProperty("account_id").GetInt64());
        Assert.Equal($"/api/catalogs/{body.GetProperty("id").GetInt64()}", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Created, (await Beta.PostAsync("/api/catalogs", Json("""{"name": "main"}"""))).StatusCode);
    }

    [StoreFact]
    public async Task Create_ANameTheAccountAlreadyHas_Is409AndCreatesNothing()
    {
        await CreateCatalogAsync(Alpha, "main");

        await AssertProblemAsync(await Alpha.PostAsync("/api/catalogs", Json("""{"name": " main "}""")), 409);

        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM catalogs WHERE account_id = @AlphaId", new { AlphaId }));
    }

    [StoreFact]
    public async Task Create_WithAnEmptyMissingOrTooLongName_Is400NamingName()
    {
        foreach (var body in new[] { """{"name": ""}""", """{"name": "   "}""", $$"""{"name": "{{new string('x', 201)}}"}""", "{}", """{"name": null}""" })
        {
            var problem = await AssertProblemAsync(await Alpha.PostAsync("/api/catalogs", Json(body)), 400);
            Assert.Equal("name", problem.GetProperty("field").GetString());
        }

        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM catalogs"));
    }

    [StoreFact]
    public async Task List_ShowsOnlyTheCallersCatalogs_AndAdminsSeeEveryAccountsWithItsOwner()
    {
        var a1 = await CreateCatalogAsync(Alpha, "one");
        var a2 = await CreateCatalogAsync(Alpha, "two");
        var b1 = await CreateCatalogAsync(Beta, "one");

        var alpha = await ReadJsonAsync(await Alpha.GetAsync("/api/catalogs"));
        var admin = await ReadJsonAsync(await Admin.GetAsync("/api/catalogs"));

        Assert.Equal([a1, a2], alpha.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
        var all = admin.GetProperty("items").EnumerateArray().Select(c => (c.GetProperty("id").GetInt64(), c.GetProperty("account_id").GetInt64())).ToList();
        Assert.Equal([(a1, AlphaId), (a2, AlphaId), (b1, BetaId)], all);
    }

    [StoreFact]
    public async Task List_PagesWithACursor()
    {
        var ids = new[] { await CreateCatalogAsync(Alpha, "a"), await CreateCatalogAsync(Alpha, "b"), await CreateCatalogAsync(Alpha, "c") };

        var first = await ReadJsonAsync(await Alpha.GetAsync("/api/catalogs?limit=2"));
        var cursor = first.GetProperty("next_cursor").GetString();
        var second = await ReadJsonAsync(await Alpha.GetAsync($"/api/catalogs?limit=2&cursor={cursor}"));

        Assert.Equal(ids[..2], first.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
        Assert.Equal([ids[2]], second.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next_cursor").ValueKind);
    }

    [StoreFact]
    public async Task UploadJson_ImportsTheSongsWithTheClisCounts_AndAgainChangesNothing()
    {
        var id = await CreateCatalogAsync(Alpha, "main");

        var first = await ReadJsonAsync(await Alpha.PostAsync($"/api/catalogs/{id}/songs", Json(JsonSongs)));
        var songsBefore = await Store.ReadAsync(c => c.QueryAsync<(long, long)>("SELECT id, updated_at FROM songs ORDER BY id"), CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(1));
        var again = await ReadJsonAsync(await Alpha.PostAsync($"/api/catalogs/{id}/songs", Json(JsonSongs)));

        Assert.True(first.GetProperty("imported").GetBoolean(), first.ToString());
        Assert.Equal(id, first.GetProperty("catalog_id").GetInt64());
        Assert.Equal((2, 2, 0, 1, 0), (first.GetProperty("rows").GetInt32(), first.GetProperty("songs_inserted").GetInt32(),
            first.GetProperty("invalid").GetInt32(), first.GetProperty("links_written").GetInt32(), first.GetProperty("duplicates").GetInt32()));
        Assert.Equal((0, 0, 2, 0), (again.GetProperty("songs_inserted").GetInt32(), again.GetProperty("songs_updated").GetInt32(),
            again.GetProperty("songs_unchanged").GetInt32(), again.GetProperty("links_written").GetInt32()));
        Assert.Equal(songsBefore, await Store.ReadAsync(c => c.QueryAsync<(long, long)>("SELECT id, updated_at FROM songs ORDER BY id"), CancellationToken.None));
        Assert.Equal(AlphaId, await CountAsync("SELECT DISTINCT account_id FROM songs"));
    }

    [StoreFact]
    public async Task UploadCsv_ImportsTheSongsWithTheClisCounts_AndAgainChangesNothing()
    {
        var id = await CreateCatalogAsync(Alpha, "main");
        var csv = CsvOf(Killers, Chemical, Jolene, "JOLENE ,dolly parton,jolene,,161000,,,");

        var first = await ReadJsonAsync(await Alpha.PostAsync($"/api/catalogs/{id}/songs", Csv(csv)));
        var again = await ReadJsonAsync(await Alpha.PostAsync($"/api/catalogs/{id}/songs", Csv(csv)));

        Assert.Equal((4, 3, 1, 2), (first.GetProperty("rows").GetInt32(), first.GetProperty("songs_inserted").GetInt32(),
            first.GetProperty("duplicates").GetInt32(), first.GetProperty("links_written").GetInt32()));
        Assert.Equal(3, first.GetProperty("refresh_jobs").GetInt32());
        Assert.Equal((0, 3, 0), (again.GetProperty("songs_inserted").GetInt32(), again.GetProperty("songs_unchanged").GetInt32(),
            again.GetProperty("links_written").GetInt32()));
        Assert.Equal(3, await CountAsync("SELECT COUNT(*) FROM songs WHERE catalog_id = @id", new { id }));
        Assert.Equal(3, (await ReadJsonAsync(await Alpha.GetAsync($"/api/catalogs/{id}"))).GetProperty("songs").GetInt64());
    }

    [StoreFact]
    public async Task UploadCsv_WithAnInvalidRow_Is400WithTheBodysLineNumbers_AndImportsNothing()
    {
        var id = await CreateCatalogAsync(Alpha, "main");
        // The quoted title spans lines 2-3, so the bad rows are lines 4 and 6 of the body, as the CLI would number them.
        var csv = "title,artists,isrc\n\"Two\nLines, quoted\",A,\nNo Artist,,\nFine,B,\nBad Isrc,C,not-an-isrc\n";

        var problem = await AssertProblemAsync(await Alpha.PostAsync($"/api/catalogs/{id}/songs", Csv(csv)), 400);

        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("message").GetString())).ToList();
        Assert.Equal([(4, "artists are missing"), (6, "isrc 'not-an-isrc' does not match ^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$")], errors);
        Assert.Equal(2, problem.GetProperty("invalid").GetInt32());
        Assert.Equal("body", problem.GetProperty("field").GetString());
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM songs"));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM jobs"));
    }

    [StoreFact]
    public async Task UploadJson_WithAnInvalidSong_Is400NamingItsPosition_AndImportsNothing()
    {
        var id = await CreateCatalogAsync(Alpha, "main");
        var body = """[{"title": "Ok", "artists": ["A"]}, {"title": "Bad", "artists": ["B"], "duration_ms": -5}, 42]""";

        var problem = await AssertProblemAsync(await Alpha.PostAsync($"/api/catalogs/{id}/songs", Json(body)), 400);

        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("message").GetString())).ToList();
        Assert.Equal([(2, "duration_ms '-5' is not a positive integer"), (3, "not a JSON object")], errors);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM songs"));
    }

    [StoreFact]
    public async Task Upload_WithSkipInvalid_ImportsTheValidRowsAndListsTheRest()
    {
        var id = await CreateCatalogAsync(Alpha, "main");

        var response = await Alpha.PostAsync($"/api/catalogs/{id}/songs?skip_invalid=true", Csv(CsvOf(Killers, "Bad,The Killers,,,-1,,,", Jolene)));
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((3, 1, 2), (body.GetProperty("rows").GetInt32(), body.GetProperty("invalid").GetInt32(), body.GetProperty("songs_inserted").GetInt32()));
        Assert.Equal(3, Assert.Single(body.GetProperty("errors").EnumerateArray()).GetProperty("line").GetInt32());
        Assert.Equal(2, await CountAsync("SELECT COUNT(*) FROM songs"));
    }

    [StoreFact]
    public async Task UploadJson_ASongWithAnUnknownMember_Is400NamingIt_EvenWithSkipInvalid()
    {
        var id = await CreateCatalogAsync(Alpha, "main");
        var body = """[{"title": "Ok", "artists": ["A"]}, {"title": "Typo", "artists": ["B"], "durration_ms": 1000}]""";

        var problem = await AssertProblemAsync(await Alpha.PostAsync($"/api/catalogs/{id}/songs?skip_invalid=true", Json(body)), 400);

        Assert.Equal("durration_ms", problem.GetProperty("field").GetString());
        Assert.Contains("song 2: unknown member 'durration_ms'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM songs"));
    }

    [StoreFact]
    public async Task Upload_ThatIsNotAnArrayOrHasAnUnknownCsvColumn_Is400NamingWhatIsWrong()
    {
        var id = await CreateCatalogAsync(Alpha, "main");

        var notArray = await AssertProblemAsync(await Alpha.PostAsync($"/api/catalogs/{id}/songs", Json("""{"title": "x"}""")), 400);
        var badJson = await AssertProblemAsync(await Alpha.PostAsync($"/api/catalogs/{id}/songs", Json("""[{"title": "x", """)), 400);
        var column = await AssertProblemAsync(await Alpha.PostAsync($"/api/catalogs/{id}/songs", Csv("title,artists,genre\nA,B,pop\n")), 400);
        var empty = await AssertProblemAsync(await Alpha.PostAsync($"/api/catalogs/{id}/songs", Csv("")), 400);

        Assert.Equal("body", notArray.GetProperty("field").GetString());
        Assert.Equal("body", badJson.GetProperty("field").GetString());
        Assert.Equal("genre", column.GetProperty("field").GetString());
        Assert.Contains("unknown column 'genre'", column.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("body", empty.GetProperty("field").GetString());
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM songs"));
    }

    [StoreFact]
    public async Task Upload_InAnotherMediaType_Is415()
    {
        var id = await CreateCatalogAsync(Alpha, "main");

        using var content = new StringContent(CsvOf(Killers), Encoding.UTF8, "text/plain");
        await AssertProblemAsync(await Alpha.PostAsync($"/api/catalogs/{id}/songs", content), 415);

        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM songs"));
    }

    [StoreFact]
    public async Task Upload_ErrorsBeyondTheFirstBatch_KeepTheirLineNumbers()
    {
        var id = await CreateCatalogAsync(Alpha, "main");
        var csv = new StringBuilder("title,artists\n");
        var json = new StringBuilder("[");
        for (var i = 1; i <= 2500; i++)
        {
            var artist = i == 2321 ? "" : "A";
            csv.Append(CultureInfo.InvariantCulture, $"T{i},{artist}\n");
            json.Append(CultureInfo.InvariantCulture, $"{(i == 1 ? "" : ",")}{{\"title\":\"T{i}\",\"artists\":[\"{artist}\"]}}");
        }

        var fromCsv = await AssertProblemAsync(await Alpha.PostAsync($"/api/catalogs/{id}/songs", Csv(csv.ToString())), 400);
        var fromJson = await AssertProblemAsync(await Alpha.PostAsync($"/api/catalogs/{id}/songs", Json(json.Append(']').ToString())), 400);

        // Song 2321 is in the reader's second batch. CSV: the header is line 1, so it is line 2322. JSON: its position in the array.
        Assert.Equal(2322, Assert.Single(fromCsv.GetProperty("errors").EnumerateArray()).GetProperty("line").GetInt32());
        Assert.Equal(2321, Assert.Single(fromJson.GetProperty("errors").EnumerateArray()).GetProperty("line").GetInt32());
        Assert.Equal(2500, fromCsv.GetProperty("rows").GetInt32());
    }

    [StoreFact]
    public async Task Upload_LargerThanTheGlobalBodyLimit_IsAcceptedUpToTheUploadLimit()
    {
        var id = await CreateCatalogAsync(Alpha, "main");
        var csv = CsvOf(Enumerable.Range(1, 1000).Select(i => $"Song {i},Artist {i},,,,,,").ToArray());
        Assert.InRange(Encoding.UTF8.GetByteCount(csv), 4097, 131072);

        var response = await Alpha.PostAsync($"/api/catalogs/{id}/songs", Csv(csv));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1000, await CountAsync("SELECT COUNT(*) FROM songs"));
        // Elsewhere the global limit still holds.
        await AssertProblemAsync(await Alpha.PostAsync("/api/catalogs", Json($$"""{"name": "{{new string('x', 5000)}}"}""")), 413);
    }

    [StoreFact]
    public async Task Upload_LargerThanTheUploadLimit_Is413AndImportsNothing()
    {
        var id = await CreateCatalogAsync(Alpha, "main");
        var csv = CsvOf(Enumerable.Range(1, 5000).Select(i => $"Song number {i},Artist number {i},,,,,,").ToArray());
        Assert.True(Encoding.UTF8.GetByteCount(csv) > 131072);

        await AssertProblemAsync(await Alpha.PostAsync($"/api/catalogs/{id}/songs", Csv(csv)), 413);

        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM songs"));
    }

    [StoreFact]
    public async Task Upload_ChunkedWithoutContentLength_LargerThanTheUploadLimit_Is413AndImportsNothing()
    {
        var id = await CreateCatalogAsync(Alpha, "main");
        var json = "[" + string.Join(",", Enumerable.Range(1, 5000).Select(i => $$"""{"title":"Song number {{i}}","artists":["Artist {{i}}"]}""")) + "]";
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/catalogs/{id}/songs") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        await AssertProblemAsync(await Alpha.SendAsync(request), 413);

        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM songs"));
    }

    [StoreFact]
    public async Task AnotherAccountsCatalog_IsNotFoundOnEveryRoute_AndNothingIsImportedIntoIt()
    {
        var id = await CreateCatalogAsync(Alpha, "main");

        await AssertProblemAsync(await Beta.GetAsync($"/api/catalogs/{id}"), 404);
        await AssertProblemAsync(await Beta.PostAsync($"/api/catalogs/{id}/songs", Csv(CsvOf(Killers))), 404);
        await AssertProblemAsync(await Beta.PostAsync($"/api/catalogs/{id}/songs", Json(JsonSongs)), 404);
        await AssertProblemAsync(await Beta.GetAsync($"/api/catalogs/{id}/songs"), 404);
        await AssertProblemAsync(await Alpha.GetAsync("/api/catalogs/99999/songs"), 404);
        var beta = await ReadJsonAsync(await Beta.GetAsync("/api/catalogs"));

        Assert.Empty(beta.GetProperty("items").EnumerateArray());
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM songs"));
        Assert.Equal(HttpStatusCode.OK, (await Admin.GetAsync($"/api/catalogs/{id}")).StatusCode);
    }

    [StoreFact]
    public async Task Songs_ListsEverySongWithItsLink_AndMismatchedKeepsOnlyDurationsOffByMoreThanTheThreshold()
    {
        var id = await CreateCatalogAsync(Alpha, "main");
        var ids = await ImportLinkedAsync(id, (200_000, 200_000 + 60_000), (200_000, 200_000 + 60_001), (300_000, 300_000 - 90_000), (200_000, 205_000), (200_000, null));

        var all = await ReadJsonAsync(await Alpha.GetAsync($"/api/catalogs/{id}/songs"));
        var mismatched = await ReadJsonAsync(await Alpha.GetAsync($"/api/catalogs/{id}/songs?mismatched=true"));
        var tighter = await ReadJsonAsync(await Alpha.GetAsync($"/api/catalogs/{id}/songs?mismatched=true&threshold_seconds=5"));

        Assert.Equal(ids, all.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetInt64()));
        Assert.Equal([ids[1], ids[2]], mismatched.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetInt64()));
        Assert.Equal([ids[0], ids[1], ids[2]], tighter.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetInt64()));
        var song = mismatched.GetProperty("items")[1];
        Assert.Equal(90_000, song.GetProperty("delta_ms").GetInt64());
        Assert.Equal(210_000, song.GetProperty("track_duration_ms").GetInt64());
        Assert.Equal("linked", song.GetProperty("link_state").GetString());
        Assert.Equal("import", song.GetProperty("decided_by").GetString());
        Assert.Equal(["Artist"], song.GetProperty("artists").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(JsonValueKind.Null, all.GetProperty("items")[4].GetProperty("delta_ms").ValueKind);
    }

    [StoreFact]
    public async Task Songs_WithABadFilter_Is400NamingIt()
    {
        var id = await CreateCatalogAsync(Alpha, "main");

        foreach (var (query, field) in new[]
        {
            ("mismatched=yes", "mismatched"), ("threshold_seconds=30", "threshold_seconds"), ("mismatched=true&threshold_seconds=0", "threshold_seconds"),
            ("mismatched=true&threshold_seconds=3601", "threshold_seconds"), ("mismatched=true&threshold_seconds=60.5", "threshold_seconds"),
            ("limit=0", "limit"), ("cursor=abc", "cursor"),
        })
        {
            var problem = await AssertProblemAsync(await Alpha.GetAsync($"/api/catalogs/{id}/songs?{query}"), 400);
            Assert.Equal(field, problem.GetProperty("field").GetString());
        }
    }

    /// <summary>Imports songs "Song i" by "Artist" with these canonical durations, each linked; then sets each link's track duration.</summary>
    private async Task<long[]> ImportLinkedAsync(long catalogId, params (int Canonical, int? Linked)[] songs)
    {
        var lines = songs.Select((s, i) => $"Song {i},Artist,,,{s.Canonical},{i.ToString("D22", CultureInfo.InvariantCulture)},,").ToArray();
        var response = await Alpha.PostAsync($"/api/catalogs/{catalogId}/songs", Csv(CsvOf(lines)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ids = (await Store.ReadAsync(c => c.QueryAsync<long>("SELECT id FROM songs WHERE catalog_id = @catalogId ORDER BY id", new { catalogId }), CancellationToken.None)).ToArray();
        for (var i = 0; i < songs.Length; i++)
        {
            if (songs[i].Linked is { } linked)
            {
                await Store.SetTrackDurationAsync(ids[i], i.ToString("D22", CultureInfo.InvariantCulture), linked, CancellationToken.None);
            }
        }

        return ids;
    }
}

public sealed class SqliteCatalogsApiTests : CatalogsApiCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresCatalogsApiTests : CatalogsApiCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Storage.PostgresDb.CreateAsync();
}
