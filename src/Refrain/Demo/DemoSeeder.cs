using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Refrain.Accounts;
using Refrain.Catalog;
using Refrain.Jobs;
using Refrain.Sandbox;
using Refrain.Storage;

namespace Refrain.Demo;

/// <summary>
/// Seeds a running demo node through its normal paths: the account and admin key as <c>refrain keys create</c> makes them,
/// the sandbox's catalog through <see cref="CatalogImporter"/>, and everything else through the HTTP API with that key, as a
/// client would: listeners, history uploads (which start enrichment), a listener connected through the sandbox's sign-in
/// (which starts its first sync), the duration-mismatch sweep and a <c>current</c> measurement job.
/// </summary>
internal sealed class DemoSeeder(RefrainStore store, SandboxServer sandbox, Uri node, TimeProvider time)
{
    public const string Account = "demo";

    private static readonly string[] Names = ["Ada", "Ben", "Cleo"];

    /// <summary>Account, key, catalog and listeners; the sweep and measurement job are <see cref="StartRunsAsync"/>'s.</summary>
    public async Task<DemoSeed> SeedAsync(HttpClient api, CancellationToken ct)
    {
        var account = await store.CreateAccountAsync(Account, ct)
            ?? throw new DemoException($"the database already has an account '{Account}': give the demo an empty database");
        var secret = ApiKeys.NewSecret();
        var keyId = await store.CreateApiKeyAsync(account.Id, "demo admin", true, ApiKeys.Hash(secret), ct);
        var key = ApiKeys.Format(keyId, secret);
        api.DefaultRequestHeaders.Add("x-api-key", key);

        var import = await new CatalogImporter(store).ImportAsync(new StringReader(sandbox.Catalog.ToImportCsv()), false, account.Id, "demo", true, ct);
        var listeners = new List<DemoListener>();
        for (var i = 0; i < Names.Length; i++)
        {
            var id = await CreateListenerAsync(api, Names[i], ct);
            var plays = await UploadAsync(api, id, DemoHistory.Generate(sandbox.Catalog, i + 1, 300, time.GetUtcNow().AddDays(-1)), ct);
            var connect = i == 0;
            if (connect)
            {
                await ConnectAsync(api, id, i + 1, ct);
            }

            listeners.Add(new DemoListener(id, Names[i], plays, connect));
        }

        return new DemoSeed(key, import.CatalogId, import.SongsInserted, listeners);
    }

    /// <summary>
    /// Starts the duration-mismatch sweep (as <c>POST /api/sweeps/duration-mismatches</c>) once the links' track durations
    /// are known (the import's refresh jobs read them from the sandbox; before that no link can be a mismatch), and a
    /// <c>current</c> measurement job for the catalog when the node has that endpoint.
    /// </summary>
    public async Task StartRunsAsync(HttpClient api, DemoSeed seed, CancellationToken ct)
    {
        var deadline = time.GetUtcNow().AddSeconds(60);
        while (await RefreshingLinksAsync(ct) && time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), time, ct);
        }

        using (var sweep = await api.PostAsJsonAsync("/api/sweeps/duration-mismatches", new { threshold_seconds = 60 }, ct))
        {
            var body = await ReadAsync(sweep, "starting the duration-mismatch sweep", ct);
            seed.RematchRunId = body.GetProperty("run_id").GetInt64();
        }

        using var measure = await api.PostAsJsonAsync("/api/research/measurement-jobs",
            new { scope = new { catalog_id = seed.CatalogId }, source = "current" }, ct);
        if (measure.StatusCode != HttpStatusCode.NotFound)
        {
            seed.MeasurementRunId = (await ReadAsync(measure, "starting the measurement job", ct)).GetProperty("id").GetInt64();
        }
    }

    private async Task<bool> RefreshingLinksAsync(CancellationToken ct)
    {
        foreach (var state in new[] { JobState.Pending, JobState.Running })
        {
            if ((await store.ListJobsAsync(new JobFilter { Source = "spotify", JobType = "refresh_link", State = state, Limit = 1 }, ct)).Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<long> CreateListenerAsync(HttpClient api, string name, CancellationToken ct)
    {
        using var response = await api.PostAsJsonAsync("/api/listeners", new { display_name = name }, ct);
        return (await ReadAsync(response, $"creating listener {name}", ct)).GetProperty("id").GetInt64();
    }

    /// <summary>Uploads the history as a browser form would; returns the plays imported.</summary>
    private static async Task<long> UploadAsync(HttpClient api, long listenerId, byte[] history, CancellationToken ct)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(history);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(file, "file", DemoHistory.FileName);
        using var response = await api.PostAsync($"/api/listeners/{listenerId}/uploads", form, ct);
        return (await ReadAsync(response, $"uploading listener {listenerId}'s history", ct)).GetProperty("imported").GetInt64();
    }

    /// <summary>
    /// The connect flow as a person's browser walks it: the link redirects to the sandbox's authorize page, which consents
    /// at once as sandbox user <paramref name="user"/> and sends the browser to this node's callback.
    /// </summary>
    private async Task ConnectAsync(HttpClient api, long listenerId, int user, CancellationToken ct)
    {
        using var link = await api.PostAsync($"/api/listeners/{listenerId}/connect-link", null, ct);
        var url = new Uri((await ReadAsync(link, "creating a connect link", ct)).GetProperty("url").GetString()!);
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
        using var opened = await browser.GetAsync(url, ct);
        var authorize = Redirect(opened, "opening the connect link");
        using var consented = await browser.GetAsync(new Uri(authorize.AbsoluteUri + "&sandbox_user=" + user.ToString(CultureInfo.InvariantCulture)), ct);
        var callback = Redirect(consented, "signing in at the sandbox");
        using var back = await browser.GetAsync(new Uri(node, callback.PathAndQuery), ct);
        if (back.StatusCode != HttpStatusCode.OK)
        {
            throw new DemoException($"the connect callback answered {(int)back.StatusCode}");
        }
    }

    private static Uri Redirect(HttpResponseMessage response, string what) =>
        response.StatusCode == HttpStatusCode.Found && response.Headers.Location is { } location
            ? location
            : throw new DemoException($"{what} answered {(int)response.StatusCode}, not a redirect");

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new DemoException($"{what} answered {(int)response.StatusCode}: {text}");
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
