using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Refrain.Jobs;
using Refrain.Listening;
using Refrain.Listening.Enrichment;
using Refrain.Matching;
using Refrain.Metrics;
using Refrain.Providers;
using Refrain.Providers.Spotify;
using Refrain.Runs;
using Refrain.Sandbox;
using Refrain.Storage;

namespace Refrain.Cli;

/// <summary>
/// <c>refrain bench enrich</c>: a listener with N plays over T distinct sandbox tracks (a share of them name-only, as account
/// data has them) imported from a generated extended-history file, then enriched through the same worker and handlers as
/// <c>serve</c> against an in-process sandbox without a rate limit. Reports calls against distinct tracks, the wall time,
/// and the time Spotify's 180 requests a minute would need for those calls.
/// </summary>
internal static class BenchEnrichCommand
{
    public static Command Create()
    {
        var plays = new Option<int>("--plays") { Description = "Plays in the generated history", DefaultValueFactory = _ => 100_000 };
        var tracks = new Option<int>("--tracks") { Description = "Distinct tracks among them", DefaultValueFactory = _ => 8_000 };
        var nameOnly = new Option<double>("--name-only") { Description = "Share of the tracks whose plays carry no track id (resolved by search)", DefaultValueFactory = _ => 0.1 };
        var batch = new Option<bool>("--batch") { Description = "Use the batch endpoint (GET /v1/tracks?ids=, 50 per call)" };
        var command = new Command("enrich", "Time enrichment of a generated history against the sandbox; prints calls against distinct tracks") { plays, tracks, nameOnly, batch };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(RefrainCli.Database), parse.GetValue(plays), parse.GetValue(tracks), parse.GetValue(nameOnly),
            parse.GetValue(batch), parse.GetValue(RefrainCli.JsonOption), ct));
        return command;
    }

    /// <summary>Spotify's limit the report converts calls into time with: 180 a minute, 90 in a rolling 30 s window.</summary>
    private const int RealPerWindow = 90;

    private static async Task<int> RunAsync(string? database, int playCount, int trackCount, double nameShare, bool batch, bool json, CancellationToken ct)
    {
        if (playCount < 1 || trackCount < 1 || trackCount > playCount || nameShare is < 0 or > 1)
        {
            await Console.Error.WriteLineAsync("error: --plays and --tracks must be at least 1, --tracks at most --plays, --name-only from 0 to 1");
            return ExitCodes.BadInput;
        }

        var time = TimeProvider.System;
        var sandboxOptions = new SandboxOptions { Songs = Math.Max(100, trackCount / 2) };
        sandboxOptions.Spotify.RequestsPerWindow = 0;
        await Console.Error.WriteLineAsync("bench: generating the sandbox catalog");
        await using var sandbox = await SandboxServer.StartAsync(sandboxOptions, ct);
        // Any track of the catalog, versions included: a name-only remaster or compilation cut is as ambiguous here as in life.
        var chosen = sandbox.Catalog.Tracks.Where(t => t.Isrc is not null).Take(trackCount).ToList();
        if (chosen.Count < trackCount)
        {
            await Console.Error.WriteLineAsync($"error: the sandbox catalog has only {chosen.Count} tracks");
            return ExitCodes.BadInput;
        }

        var named = (int)Math.Round(trackCount * nameShare);
        var temp = database is null ? Path.Combine(Path.GetTempPath(), $"refrain-bench-{Guid.NewGuid():N}.db") : null;
        var history = Path.Combine(Path.GetTempPath(), $"Streaming_History_Audio_bench_{Guid.NewGuid():N}.json");
        var store = StoreFactory.Create(database ?? $"Data Source={temp}", time);
        try
        {
            await store.MigrateAsync(ct);
            WriteHistory(history, chosen, named, playCount);
            var listener = await store.CreateListenerAsync(1, "bench " + Guid.NewGuid().ToString("N")[..8], ct);
            var imported = await new ListenImporter(store).ImportAsync(listener, history, ct);
            if (imported.Failed)
            {
                await Console.Error.WriteLineAsync($"error: the generated history did not import: {imported.Error}");
                return ExitCodes.Errors;
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var spotify = new SpotifyClient(http, new SpotifyOptions
            {
                ApiBaseUrl = sandbox.BaseUrl, AccountsBaseUrl = sandbox.BaseUrl, ClientId = sandboxOptions.ClientId, ClientSecret = sandboxOptions.ClientSecret,
                BatchTrackLookup = batch,
            }, time, NullLogger<SpotifyClient>.Instance);
            var registry = new JobHandlerRegistry(
            [
                new JobHandlerRegistration(EnrichmentJobs.Source, EnrichmentJobs.Listener, _ => new EnrichListenerHandler()),
                new JobHandlerRegistration(EnrichmentJobs.Source, EnrichmentJobs.Tracks, _ => new EnrichTracksHandler(spotify, new SpotifyMatcher()))
                {
                    Provider = SpotifyClient.Provider, RequestsPerJob = batch ? 5 : EnrichmentJobs.TracksPerJob,
                },
            ]);
            var kind = $"{EnrichmentJobs.Source}/{EnrichmentJobs.Listener}";
            var worker = new Worker(store, registry, new ProviderGate(store, new Dictionary<string, ProviderOptions>(), time),
                new ServiceCollection().BuildServiceProvider(), new WorkerOptions { Slots = new() { ["*"] = 8 }, PollInterval = TimeSpan.FromMilliseconds(50) },
                time, new EngineMetrics(), NullLogger<Worker>.Instance, new RunSummaries([new EnrichmentRunSummarizer(kind)], NullLogger<RunSummaries>.Instance));
            var before = Calls(sandbox);
            var start = time.GetTimestamp();
            var fired = await EnrichmentJobs.StartAsync(store, listener, 1, "manual", "bench", ct);
            using var stop = new CancellationTokenSource();
            var running = worker.RunAsync(stop.Token);
            RunRecord run;
            var lastReport = time.GetTimestamp();
            while ((run = (await store.GetRunAsync(fired.RunId!.Value, ct))!).State == RunState.Running || run.Summary is null)
            {
                await Task.Delay(100, ct);
                if (time.GetElapsedTime(lastReport) > TimeSpan.FromSeconds(5))
                {
                    lastReport = time.GetTimestamp();
                    await Console.Error.WriteLineAsync($"bench: {run.Total - run.Pending}/{run.Total} jobs done, {time.GetElapsedTime(start).TotalSeconds:0} s");
                }
            }

            var wall = time.GetElapsedTime(start).TotalSeconds;
            await stop.CancelAsync();
            await running;
            var byEndpoint = sandbox.RequestCounts.Where(c => c.Key != SandboxEndpoints.Token).ToDictionary(c => c.Key, c => c.Value);
            var calls = Calls(sandbox) - before;
            var progress = (await store.GetListenerProgressAsync(listener, null, ct))!;
            var result = new
            {
                database = store.Dialect, plays = imported.Counts.Imported, distinct_tracks = trackCount, id_tracks = trackCount - named, name_only_tracks = named,
                batch, calls, calls_by_endpoint = byEndpoint, calls_per_distinct_track = Math.Round((double)calls / trackCount, 4),
                enriched = progress.Enriched, unresolved = progress.Unresolved, pending = progress.Pending, jobs = run.Total,
                wall_seconds = Math.Round(wall, 1),
                seconds_at_180_per_minute = Math.Round(Math.Max(0, (calls - RealPerWindow) * 30.0 / RealPerWindow), 1),
                run_state = run.State, summary = run.Summary,
            };
            if (json)
            {
                Output.Json(Console.Out, result);
            }
            else
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{store.Dialect}: {result.plays} plays, {trackCount} distinct tracks ({named} name-only), batch {(batch ? "on" : "off")}: {calls} calls "
                    + $"({string.Join(", ", byEndpoint.Select(e => $"{e.Key} {e.Value}"))}), {result.calls_per_distinct_track} per distinct track; "
                    + $"enriched {result.enriched}, unresolved {result.unresolved}, pending {result.pending}; {result.wall_seconds} s here, "
                    + $"{result.seconds_at_180_per_minute} s at 180 requests/min"));
            }

            return run.State == RunState.Succeeded ? ExitCodes.Success : ExitCodes.Errors;
        }
        finally
        {
            File.Delete(history);
            await store.DisposeAsync();
            if (temp is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var f in new[] { temp, temp + "-wal", temp + "-shm" })
                {
                    File.Delete(f);
                }
            }
        }
    }

    private static long Calls(SandboxServer sandbox) => sandbox.RequestCounts.Where(c => c.Key != SandboxEndpoints.Token).Sum(c => c.Value);

    /// <summary>
    /// <paramref name="playCount"/> plays cycling through the tracks, three minutes apart, complete plays; the first
    /// <paramref name="named"/> tracks' plays without a track id.
    /// </summary>
    private static void WriteHistory(string path, IReadOnlyList<SandboxTrack> tracks, int named, int playCount)
    {
        using var stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream);
        var at = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        w.WriteStartArray();
        for (var i = 0; i < playCount; i++)
        {
            var track = tracks[i % tracks.Count];
            at = at.AddMinutes(3);
            w.WriteStartObject();
            w.WriteString("ts", at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            w.WriteNumber("ms_played", track.DurationMs);
            w.WriteString("master_metadata_track_name", track.Name);
            w.WriteString("master_metadata_album_artist_name", track.Artists[0].Name);
            w.WriteString("master_metadata_album_album_name", track.Album.Name);
            if (i % tracks.Count < named)
            {
                w.WriteNull("spotify_track_uri");
            }
            else
            {
                w.WriteString("spotify_track_uri", "spotify:track:" + track.Id);
            }

            w.WriteNull("episode_name");
            w.WriteNull("audiobook_title");
            w.WriteBoolean("incognito_mode", false);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
