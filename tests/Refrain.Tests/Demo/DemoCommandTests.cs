using System.Net;
using System.Text.Json;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Demo;

/// <summary>
/// <c>refrain demo --port 0</c> run as a newcomer runs it: everything checked here was produced by its scheduler and
/// workers calling the sandbox over HTTP, and read back through the API with the admin key it printed.
/// </summary>
public sealed class DemoCommandTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private readonly string _directory = Directory.CreateTempSubdirectory("refrain-demo-").FullName;

    [Fact]
    public async Task Demo_ShowsRematchEnrichmentSyncAndMeasurementThroughTheApi_AndRecreatesItsDatabaseAtEachStart()
    {
        IReadOnlyList<long> firstListeners;
        string firstKey;
        await using (var demo = DemoProcess.Start(_directory, "--port", "0"))
        {
            var (root, key) = await ReadStartAsync(demo);
            firstKey = key;
            using var api = Client(root, key);

            JsonElement rematch = default;
            await Eventually.WaitAsync(async () =>
            {
                var runs = await GetAsync(api, "/api/tasks/runs?kind=spotify/sweep_duration_mismatches&state=succeeded");
                var done = runs.GetProperty("items").EnumerateArray().FirstOrDefault();
                rematch = done;
                // The summary is written just after the run ends.
                return done.ValueKind == JsonValueKind.Object && done.GetProperty("summary").ValueKind == JsonValueKind.Object;
            }, "a succeeded re-match run with its summary", Bound, Poll);
            var summary = rematch.GetProperty("summary");
            var review = new[] { "kept", "canonical_suspect", "ambiguous", "below_floor", "no_candidates" }.Sum(c => summary.GetProperty(c).GetInt64());
            Assert.True(summary.GetProperty("relinked").GetInt64() > 0, summary.ToString());
            Assert.True(review > 0, summary.ToString());
            var reviews = await GetAsync(api, "/api/reviews/duration-mismatches");
            Assert.NotEmpty(reviews.GetProperty("items").EnumerateArray());

            // The same run as a newcomer sees it: the dashboard, logged into with the printed key.
            using (var dashboard = await Admin.AdminClient.LoginAsync(root, key))
            {
                var runPage = Admin.AdminClient.Text(await dashboard.GetPageAsync($"/admin/runs/{rematch.GetProperty("id").GetInt64()}"));
                Assert.Contains($"relinked {summary.GetProperty("relinked").GetInt64()}", runPage, StringComparison.Ordinal);
                var mismatches = await dashboard.GetPageAsync("/admin/duration-mismatches");
                Assert.Contains("/admin/duration-mismatches/", mismatches, StringComparison.Ordinal);
            }

            firstListeners = await ListenerIdsAsync(api);
            Assert.Equal(3, firstListeners.Count);
            await Eventually.WaitAsync(async () =>
            {
                foreach (var id in firstListeners)
                {
                    if ((await GetAsync(api, $"/api/listeners/{id}")).GetProperty("enriched").GetInt64() > 0)
                    {
                        return true;
                    }
                }

                return false;
            }, "a listener with enriched plays", Bound, Poll);
            await Eventually.WaitAsync(async () =>
            {
                foreach (var id in firstListeners)
                {
                    var listener = await GetAsync(api, $"/api/listeners/{id}");
                    if (listener.GetProperty("spotify_user_id").ValueKind == JsonValueKind.String
                        && listener.GetProperty("last_sync_at").ValueKind == JsonValueKind.String)
                    {
                        return true;
                    }
                }

                return false;
            }, "a connected listener with a last sync", Bound, Poll);

            // The current measurement job: one album play-count snapshot per Spotify album of the catalog, through the sandbox.
            JsonElement measured = default;
            await Eventually.WaitAsync(async () =>
            {
                var runs = await GetAsync(api, "/api/tasks/runs?kind=measurement&state=succeeded");
                measured = runs.GetProperty("items").EnumerateArray().FirstOrDefault();
                return measured.ValueKind == JsonValueKind.Object;
            }, "a succeeded measurement run", Bound, Poll);
            Assert.True(measured.GetProperty("counts").GetProperty("succeeded").GetInt64() > 0, measured.ToString());

            await demo.KillAsync();
        }

        await using (var again = DemoProcess.Start(_directory, "--port", "0"))
        {
            var (root, key) = await ReadStartAsync(again);
            using var api = Client(root, key);
            // A fresh database: the same listener ids again, the first key id again, and the previous run's key unknown.
            Assert.Equal(firstListeners, await ListenerIdsAsync(api));
            Assert.StartsWith("rfn_1_", key, StringComparison.Ordinal);
            Assert.NotEqual(firstKey, key);
            using var old = Client(root, firstKey);
            using var refused = await old.GetAsync(new Uri("/api/listeners", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
    }

    [Fact]
    public async Task Demo_WithAPortOutOfRange_ExitsWithUsageErrorBeforeTouchingTheDatabase()
    {
        var earlier = await EarlierDemoAsync();
        await using var demo = DemoProcess.Start(_directory, "--port", "70000");

        Assert.Equal(2, await demo.ExitCodeAsync(Bound));
        Assert.Contains("error: --port must be between 0 and 65535", demo.Output, StringComparison.Ordinal);
        Assert.Equal("an earlier demo's data", await File.ReadAllTextAsync(earlier));
    }

    [Fact]
    public async Task Demo_OnAPortInUse_ExitsWithOneErrorLineBeforeTouchingTheDatabase()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var earlier = await EarlierDemoAsync();
        await using var demo = DemoProcess.Start(_directory, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(2, await demo.ExitCodeAsync(Bound));
        Assert.Contains($"--- stderr ---\nerror: cannot listen on 127.0.0.1:{port}: ", demo.Output, StringComparison.Ordinal);
        Assert.Equal("an earlier demo's data", await File.ReadAllTextAsync(earlier));
    }

    /// <summary>A stand-in for the file an earlier demo left: a refused start must not delete it.</summary>
    private async Task<string> EarlierDemoAsync()
    {
        var path = Path.Combine(_directory, "refrain-demo.db");
        await File.WriteAllTextAsync(path, "an earlier demo's data");
        return path;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The node's root (from the docs line) and the admin key (alone on its line).</summary>
    private static async Task<(Uri Root, string Key)> ReadStartAsync(DemoProcess demo)
    {
        var dashboard = await demo.LineAsync(l => l.StartsWith("dashboard: ", StringComparison.Ordinal), "dashboard", Bound);
        var docs = await demo.LineAsync(l => l.StartsWith("docs: ", StringComparison.Ordinal), "docs", Bound);
        var key = await demo.LineAsync(l => l.StartsWith("rfn_", StringComparison.Ordinal), "admin key", Bound);
        Assert.EndsWith("/api/docs", docs, StringComparison.Ordinal);
        Assert.StartsWith($"dashboard: {docs["docs: ".Length..^"api/docs".Length]}admin ", dashboard, StringComparison.Ordinal);
        return (new Uri(docs["docs: ".Length..^"api/docs".Length]), key);
    }

    /// <summary>
    /// One poll a second: the API allows a key 600 requests a minute, and the demo's own progress lines poll with the same key.
    /// </summary>
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    private static HttpClient Client(Uri root, string key)
    {
        var client = new HttpClient { BaseAddress = root, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("x-api-key", key);
        return client;
    }

    private static async Task<IReadOnlyList<long>> ListenerIdsAsync(HttpClient api) =>
        (await GetAsync(api, "/api/listeners")).GetProperty("items").EnumerateArray().Select(l => l.GetProperty("id").GetInt64()).Order().ToList();

    private static async Task<JsonElement> GetAsync(HttpClient api, string path)
    {
        using var response = await api.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
