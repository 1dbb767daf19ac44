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
/// <c>DELETE /api/listeners/{id}/plays</c> and <c>POST /api/listeners/{id}/enrich</c> on both databases: deleted plays leave
/// tombstones that a re-upload respects, the range is half-open, bad ranges are 400, another account's listener is 404.
/// </summary>
public abstract class ListenerPlaysApiCompliance : ApiTestBase
{
    private static readonly string History = JsonSerializer.Serialize(new object[]
    {
        Extended("2024-02-01T08:00:00Z", "Jolene", "Dolly Parton"),
        Extended("2024-02-01T09:00:00Z", "9 to 5", "Dolly Parton"),
        Extended("2024-02-01T10:00:00Z", "Mr. Brightside", "The Killers"),
        Extended("2024-02-02T08:00:00Z", "Human", "The Killers"),
    });

    private async Task<long> ListenerWithPlaysAsync()
    {
        var listener = (await ReadJsonAsync(await Alpha.PostAsync("/api/listeners", Json("""{"display_name": "Alice"}""")))).GetProperty("id").GetInt64();
        var response = await Alpha.PostAsync($"/api/listeners/{listener}/uploads", Form(History));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return listener;
    }

    private static MultipartFormDataContent Form(string text)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new MultipartFormDataContent { { file, "file", "Streaming_History_Audio_2024.json" } };
    }

    private Task<long> CountAsync(string sql, object? args = null) => Store.ReadAsync(c => c.ExecuteScalarAsync<long>(sql, args), CancellationToken.None);

    [StoreFact]
    public async Task DeletePlays_RemovesTheHalfOpenRange_LeavesTombstones_AndAReuploadDoesNotBringThemBack()
    {
        var listener = await ListenerWithPlaysAsync();

        var response = await Alpha.DeleteAsync($"/api/listeners/{listener}/plays?from=2024-02-01T09:00:00Z&to=2024-02-02T08:00:00Z");
        var reupload = await ReadJsonAsync(await Alpha.PostAsync($"/api/listeners/{listener}/uploads", Form(History)));

        Assert.Equal(2, (await ReadJsonAsync(response)).GetProperty("deleted").GetInt64());
        var left = (await Store.ReadAsync(c => c.QueryAsync<string>("SELECT title FROM plays WHERE listener_id = @listener ORDER BY played_at", new { listener }),
            CancellationToken.None)).ToList();
        Assert.Equal(["Jolene", "Human"], left);
        Assert.Equal(2, await CountAsync("SELECT COUNT(*) FROM play_tombstones WHERE listener_id = @listener", new { listener }));
        // The importer counts a tombstoned play with the ones already stored: it is known, and not stored again.
        Assert.Equal((0L, 4L), (reupload.GetProperty("imported").GetInt64(), reupload.GetProperty("duplicate").GetInt64()));
        Assert.Equal(2, await CountAsync("SELECT COUNT(*) FROM plays WHERE listener_id = @listener", new { listener }));

        // An open side: everything from a time on.
        var rest = await ReadJsonAsync(await Alpha.DeleteAsync($"/api/listeners/{listener}/plays?from=2024-02-01T08:00:00%2B00:00"));
        Assert.Equal(2, rest.GetProperty("deleted").GetInt64());
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM plays WHERE listener_id = @listener", new { listener }));
    }

    [StoreFact]
    public async Task DeletePlays_RefusesBadRanges_AndAnotherAccountsListenerIs404()
    {
        var listener = await ListenerWithPlaysAsync();
        var cases = new (string Query, string Field)[]
        {
            ("", "from"),
            ("?from=yesterday", "from"),
            ("?to=2024-02-01T08:00:00", "to"),
            ("?from=2024-02-02T00:00:00Z&to=2024-02-01T00:00:00Z", "to"),
        };

        foreach (var (query, field) in cases)
        {
            var problem = await AssertProblemAsync(await Alpha.DeleteAsync($"/api/listeners/{listener}/plays{query}"), 400);
            Assert.True(problem.GetProperty("field").GetString() == field, $"{query}: {problem}");
        }

        await AssertProblemAsync(await Beta.DeleteAsync($"/api/listeners/{listener}/plays?from=2024-01-01T00:00:00Z"), 404);
        await AssertProblemAsync(await Beta.PostAsync($"/api/listeners/{listener}/enrich", null), 404);
        Assert.Equal(4, await CountAsync("SELECT COUNT(*) FROM plays WHERE listener_id = @listener", new { listener }));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM play_tombstones"));
    }

    [StoreFact]
    public async Task Enrich_Is202WithTheJob_AndASecondRequestWhileQueuedReportsTheSameJob()
    {
        var listener = await ListenerWithPlaysAsync();
        // The upload queued one already; cancel it so this request queues its own.
        await Store.CancelAsync(new Refrain.Jobs.JobFilter(), CancellationToken.None);

        var first = await Alpha.PostAsync($"/api/listeners/{listener}/enrich", null);
        var second = await ReadJsonAsync(await Alpha.PostAsync($"/api/listeners/{listener}/enrich", null));

        var body = await ReadJsonAsync(first);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var jobId = body.GetProperty("job_id").GetInt64();
        Assert.Equal($"/api/jobs/{jobId}", first.Headers.Location?.OriginalString);
        Assert.False(body.GetProperty("already_queued").GetBoolean());
        Assert.Equal((jobId, true), (second.GetProperty("job_id").GetInt64(), second.GetProperty("already_queued").GetBoolean()));
        Assert.Equal(($"listener:{listener}", "pending", AlphaId), await Store.ReadAsync(c => c.QuerySingleAsync<(string, string, long)>(
            "SELECT subject, state, account_id FROM jobs WHERE id = @jobId AND job_type = 'enrich_listener'", new { jobId }), CancellationToken.None));
    }
}

public sealed class SqliteListenerPlaysApiTests : ListenerPlaysApiCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresListenerPlaysApiTests : ListenerPlaysApiCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Storage.PostgresDb.CreateAsync();
}
