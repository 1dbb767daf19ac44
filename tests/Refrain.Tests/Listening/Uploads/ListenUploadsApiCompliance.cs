using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dapper;
using Refrain.Tests.Http;
using Refrain.Tests.Infrastructure;
using static Refrain.Tests.Listening.HistoryFiles;

namespace Refrain.Tests.Listening.Uploads;

/// <summary>
/// <c>POST/GET /api/listeners/{id}/uploads</c> on both databases: each format and a zip over real HTTP with their counts, a
/// corrupt file storing nothing and recorded failed, the size limit, another account's listener, and the enrichment trigger.
/// </summary>
public abstract class ListenUploadsApiCompliance : ApiTestBase, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("refrain-uploads-api-").FullName;

    /// <summary>A small upload limit (the 413 test) and a small zip expansion limit (the zip-bomb test).</summary>
    protected override Dictionary<string, string?> Settings => new()
    {
        ["Api:MaxUploadBytes"] = "200000",
        ["Listening:MaxExpandedBytes"] = "100000",
    };

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    private async Task<long> ListenerAsync(HttpClient client, string name = "Alice")
    {
        var response = await client.PostAsync("/api/listeners", Json(JsonSerializer.Serialize(new { display_name = name })));
        return (await ReadJsonAsync(response)).GetProperty("id").GetInt64();
    }

    private static MultipartFormDataContent Form(string fileName, byte[] bytes, string mediaType = "application/json")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    private static MultipartFormDataContent Form(string fileName, string text) => Form(fileName, Encoding.UTF8.GetBytes(text));

    private Task<long> CountAsync(string sql, object? args = null) => Store.ReadAsync(c => c.ExecuteScalarAsync<long>(sql, args), CancellationToken.None);

    private static (long, long, long, long, long, long) Counts(JsonElement u) => (u.GetProperty("imported").GetInt64(), u.GetProperty("duplicate").GetInt64(),
        u.GetProperty("short").GetInt64(), u.GetProperty("incognito").GetInt64(), u.GetProperty("podcast").GetInt64(), u.GetProperty("invalid").GetInt64());

    [StoreFact]
    public async Task ExtendedHistory_Is201WithItsCounts_StartsEnrichment_AndReuploadAddsNothing()
    {
        var listener = await ListenerAsync(Alpha);
        var rows = JsonSerializer.Serialize(new object[]
        {
            Extended("2024-02-01T08:00:00Z", "Jolene", "Dolly Parton", uri: "spotify:track:2SpEHTbUuebeLkgs9QB7Ue"),
            Extended("2024-02-01T08:10:00Z", "Mr. Brightside", "The Killers"),
            Extended("2024-02-01T08:20:00Z", "Skipped", "The Killers", msPlayed: 1000),
            Extended("2024-02-01T08:30:00Z", "Secret", "Someone", incognito: true),
            With(Extended("2024-02-01T09:00:00Z", null, null), "episode_name", "Ep 1"),
            Extended("not a time", "Bad", "Someone"),
        });

        var response = await Alpha.PostAsync($"/api/listeners/{listener}/uploads", Form("Streaming_History_Audio_2024.json", rows));
        var again = await Alpha.PostAsync($"/api/listeners/{listener}/uploads", Form("Streaming_History_Audio_2024.json", rows));

        var first = await ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, first.ToString());
        Assert.Equal("succeeded", first.GetProperty("status").GetString());
        Assert.Equal((2L, 0L, 1L, 1L, 1L, 1L), Counts(first));
        Assert.Equal(JsonValueKind.Null, first.GetProperty("error").ValueKind);
        Assert.Equal("Streaming_History_Audio_2024.json", first.GetProperty("file_name").GetString());
        Assert.Equal($"/api/listeners/{listener}/uploads/{first.GetProperty("id").GetInt64()}", response.Headers.Location?.OriginalString);
        var second = await ReadJsonAsync(again);
        Assert.Equal((0L, 2L, 1L, 1L, 1L, 1L), Counts(second));
        Assert.Equal(2, await CountAsync("SELECT COUNT(*) FROM plays WHERE listener_id = @listener", new { listener }));

        // The upload that imported plays queued the listener's enrichment; the one that imported nothing did not add one.
        var jobId = first.GetProperty("enrichment_job_id").GetInt64();
        Assert.Equal(JsonValueKind.Null, second.GetProperty("enrichment_job_id").ValueKind);
        Assert.Equal($"listener:{listener}", await Store.ReadAsync(c => c.ExecuteScalarAsync<string>(
            "SELECT subject FROM jobs WHERE id = @jobId AND source = 'spotify' AND job_type = 'enrich_listener' AND state = 'pending'", new { jobId }), CancellationToken.None));
    }

    [StoreFact]
    public async Task AccountData_AndAZipOfBothFormats_AreImportedAndListed()
    {
        var listener = await ListenerAsync(Alpha);
        var account = JsonSerializer.Serialize(new object[]
        {
            AccountData("2024-03-01 10:00", "Dolly Parton", "Jolene"),
            AccountData("2024-03-01 10:05", "Dolly Parton", "9 to 5", msPlayed: 500),
        });
        var extended = JsonSerializer.Serialize(new object[] { Extended("2024-04-01T10:00:00Z", "Human", "The Killers") });
        var zip = await File.ReadAllBytesAsync(Zip(_dir, "my_spotify_data.zip",
            ("Spotify Extended Streaming History/Streaming_History_Audio_2024.json", extended),
            ("MyData/StreamingHistory_music_0.json", JsonSerializer.Serialize(new object[] { AccountData("2024-05-01 10:00", "ABBA", "Waterloo") })),
            ("MyData/Userdata.json", "{\"not\": \"history\"}")));

        var plain = await ReadJsonAsync(await Alpha.PostAsync($"/api/listeners/{listener}/uploads", Form("StreamingHistory_music_0.json", account)));
        var zipped = await Alpha.PostAsync($"/api/listeners/{listener}/uploads", Form("my_spotify_data.zip", zip, "application/zip"));
        var list = await ReadJsonAsync(await Alpha.GetAsync($"/api/listeners/{listener}/uploads?limit=1"));
        var next = await ReadJsonAsync(await Alpha.GetAsync($"/api/listeners/{listener}/uploads?limit=1&cursor={list.GetProperty("next_cursor").GetString()}"));

        Assert.Equal((1L, 0L, 1L, 0L, 0L, 0L), Counts(plain));
        var zipBody = await ReadJsonAsync(zipped);
        Assert.True(zipped.StatusCode == HttpStatusCode.Created, zipBody.ToString());
        Assert.Equal((2L, 0L, 0L, 0L, 0L, 0L), Counts(zipBody));
        Assert.Equal(zip.Length, zipBody.GetProperty("bytes").GetInt64());
        Assert.Equal(plain.GetProperty("id").GetInt64(), Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Equal(zipBody.GetProperty("id").GetInt64(), Assert.Single(next.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Equal(JsonValueKind.Null, next.GetProperty("next_cursor").ValueKind);
        Assert.Equal(3, await CountAsync("SELECT COUNT(*) FROM plays WHERE listener_id = @listener", new { listener }));
    }

    [StoreFact]
    public async Task CorruptFiles_Are400WithThePosition_StoreNothing_AndAreRecordedFailed()
    {
        var listener = await ListenerAsync(Alpha);
        var good = Extended("2024-02-01T08:00:00Z", "Jolene", "Dolly Parton");
        var cut = JsonSerializer.Serialize(new object[] { good, good }).Replace("},{", "},\n{\"ts\": ", StringComparison.Ordinal)[..^20];
        var bomb = await File.ReadAllBytesAsync(Zip(_dir, "bomb.zip", ("Streaming_History_Audio_2024.json", "[" + new string(' ', 200_000) + "]")));
        var cases = new (string Name, byte[] Body, string Expect)[]
        {
            ("Streaming_History_Audio_2024.json", Encoding.UTF8.GetBytes(cut), "line 2"),
            ("Streaming_History_Audio_2025.json", Encoding.UTF8.GetBytes("""{"ts": "2024-02-01T08:00:00Z"}"""), "not a JSON array"),
            ("StreamingHistory0.json", Encoding.UTF8.GetBytes("""[{"name": "x"}]"""), "not a streaming history file"),
            ("empty.zip", await File.ReadAllBytesAsync(Zip(_dir, "empty.zip", ("Userdata.json", "{}"))), "no streaming history files"),
            ("bomb.zip", bomb, "expands to more than 100000 bytes"),
        };

        foreach (var (name, body, expect) in cases)
        {
            var problem = await AssertProblemAsync(await Alpha.PostAsync($"/api/listeners/{listener}/uploads", Form(name, body)), 400);
            Assert.Contains(expect, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            var upload = await ReadJsonAsync(await Alpha.GetAsync($"/api/listeners/{listener}/uploads/{problem.GetProperty("upload_id").GetInt64()}"));
            Assert.Equal(("failed", name), (upload.GetProperty("status").GetString(), upload.GetProperty("file_name").GetString()));
            Assert.Contains(expect, upload.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM plays"));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM jobs"));
        Assert.Equal(cases.Length, await CountAsync("SELECT COUNT(*) FROM listen_uploads WHERE status = 'failed'"));
    }

    [StoreFact]
    public async Task TooLarge_Is413_AndOtherAccountsListener_Is404_AndNonMultipartIs415()
    {
        var listener = await ListenerAsync(Alpha);
        var big = JsonSerializer.Serialize(Enumerable.Range(0, 2000).Select(i => Extended(
            DateTimeOffset.FromUnixTimeSeconds(1_700_000_000 + (i * 600)).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), $"Song {i}", "Artist")));
        Assert.True(big.Length > 200_000);
        var small = JsonSerializer.Serialize(new object[] { Extended("2024-02-01T08:00:00Z", "Jolene", "Dolly Parton") });

        await AssertProblemAsync(await Alpha.PostAsync($"/api/listeners/{listener}/uploads", Form("Streaming_History_Audio_2024.json", big)), 413);
        await AssertProblemAsync(await Beta.PostAsync($"/api/listeners/{listener}/uploads", Form("Streaming_History_Audio_2024.json", small)), 404);
        await AssertProblemAsync(await Beta.GetAsync($"/api/listeners/{listener}/uploads"), 404);
        await AssertProblemAsync(await Alpha.PostAsync($"/api/listeners/{listener}/uploads", Json(small)), 415);
        var noFile = new MultipartFormDataContent { { new StringContent("x"), "note" } };
        Assert.Equal("file", (await AssertProblemAsync(await Alpha.PostAsync($"/api/listeners/{listener}/uploads", noFile), 400)).GetProperty("field").GetString());

        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM plays"));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM listen_uploads"));
    }
}

public sealed class SqliteListenUploadsApiTests : ListenUploadsApiCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresListenUploadsApiTests : ListenUploadsApiCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Storage.PostgresDb.CreateAsync();
}
