using System.Text.Json;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Http;

/// <summary>
/// The OpenAPI document is what API users read: every operation is named, summarised and typed, and the whole document is
/// a reviewed snapshot (<c>Snapshots/openapi-v1.json</c>) so any change to the API shows up as a diff.
/// </summary>
public sealed class OpenApiDocumentTests : ApiTestBase
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);

    [Fact]
    public async Task Document_MatchesSnapshot()
    {
        var document = await ReadJsonAsync(await Client().GetAsync("/openapi/v1.json"));

        Snapshots.Match("openapi-v1.json", JsonSerializer.Serialize(document, Indented) + "\n");
    }

    [Fact]
    public async Task RoutesWithoutAKey_SaySo_AndTheCronRouteNamesItsSecret()
    {
        var paths = (await ReadJsonAsync(await Client().GetAsync("/openapi/v1.json"))).GetProperty("paths");

        Assert.Equal(0, paths.GetProperty("/health").GetProperty("get").GetProperty("security").GetArrayLength());
        var cron = paths.GetProperty("/api/cron/{schedule}").GetProperty("post").GetProperty("security");
        Assert.True(Assert.Single(cron.EnumerateArray()).TryGetProperty("cron_secret", out _));
        Assert.False(paths.GetProperty("/api/jobs").GetProperty("get").TryGetProperty("security", out _), "keyed routes use the document's API-key security");
    }

    [Fact]
    public async Task EveryOperation_IsNamedSummarisedAndTyped()
    {
        var document = await ReadJsonAsync(await Client().GetAsync("/openapi/v1.json"));
        var problems = new List<string>();
        var operations = 0;

        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                operations++;
                var where = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                if (!operation.Value.TryGetProperty("operationId", out var id) || string.IsNullOrWhiteSpace(id.GetString()))
                {
                    problems.Add($"{where}: no name (operationId)");
                }

                if (!operation.Value.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString()))
                {
                    problems.Add($"{where}: no summary");
                }

                var responses = operation.Value.GetProperty("responses").EnumerateObject().ToList();
                var success = responses.Where(r => r.Name.StartsWith('2')).ToList();
                if (success.Count == 0)
                {
                    problems.Add($"{where}: no success response");
                }
                else if (success.All(r => r.Name != "204" && !r.Value.TryGetProperty("content", out _)))
                {
                    problems.Add($"{where}: success response without a typed body");
                }
            }
        }

        Assert.True(operations >= 20, $"expected the whole API in the document, found {operations} operations");
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }
}
