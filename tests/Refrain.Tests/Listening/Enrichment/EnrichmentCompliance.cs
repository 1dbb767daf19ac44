using System.Globalization;
using Dapper;
using Refrain.Listening;
using Refrain.Listening.Enrichment;
using Refrain.Sandbox;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Storage;
using static Refrain.Tests.Listening.HistoryFiles;

namespace Refrain.Tests.Listening.Enrichment;

/// <summary>
/// Enrichment on both databases, through the worker against the sandbox over real HTTP, counted with the sandbox's own
/// request counter: one call per distinct unknown track (one per 50 with the batch endpoint), none for cached or already
/// resolved tracks, name-only plays resolved by search and the matcher, unresolved keys re-checked after 1 then 2 days,
/// and a 429 storm that leaves plays pending until the pause ends.
/// </summary>
public abstract class EnrichmentCompliance : StoreTestBase, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("refrain-enrich-").FullName;
    private int _file;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    private async Task<SandboxServer> SandboxAsync(Action<SandboxOptions>? configure = null)
    {
        var options = new SandboxOptions { Time = Time, Songs = 300 };
        options.Spotify.RequestsPerWindow = 0;
        configure?.Invoke(options);
        return await SandboxServer.StartAsync(options, CancellationToken.None);
    }

    /// <summary>Distinct sandbox tracks (originals with an ISRC) in catalog order.</summary>
    private static List<SandboxTrack> Originals(SandboxServer sandbox, int count) =>
        sandbox.Catalog.Tracks.Where(t => t.Version == "original" && t.Isrc is not null).Take(count).ToList();

    /// <summary>Imports <paramref name="perTrack"/> plays of each track, by id, for a new listener; returns the listener.</summary>
    private async Task<long> ListenerWithPlaysAsync(IEnumerable<SandboxTrack> byId, int perTrack = 3, IEnumerable<(string Title, string Artist, long Ms)>? byName = null)
    {
        var listener = await Store.CreateListenerAsync(1, "Listener", CancellationToken.None);
        var at = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var rows = new List<object>();
        foreach (var track in byId)
        {
            for (var i = 0; i < perTrack; i++)
            {
                at = at.AddMinutes(5);
                rows.Add(Extended(Ts(at), track.Name, track.Artists[0].Name, album: track.Album.Name, uri: "spotify:track:" + track.Id));
            }
        }

        foreach (var (title, artist, ms) in byName ?? [])
        {
            at = at.AddMinutes(5);
            rows.Add(Extended(Ts(at), title, artist, ms, album: null));
        }

        var result = await new ListenImporter(Store).ImportAsync(listener, Write(_dir, $"Streaming_History_Audio_{_file++}.json", rows), CancellationToken.None);
        Assert.Null(result.Error);
        return listener;
    }

    private static string Ts(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private async Task<long> StartAsync(long listener) =>
        (await EnrichmentJobs.StartAsync(Store, listener, 1, "manual", "test", CancellationToken.None)).RunId!.Value;

    private Task<long> CountAsync(string sql, object? args = null) => Store.ReadAsync(c => c.ExecuteScalarAsync<long>(sql, args), CancellationToken.None);

    private Task<long> PlaysAsync(long listener, string state) =>
        CountAsync("SELECT COUNT(*) FROM plays WHERE listener_id = @listener AND enrich_state = @state", new { listener, state });

    [StoreFact]
    public async Task IdPlays_CostOneCallPerDistinctTrack_AndASecondListenerWithTheSameTracksCostsNothing()
    {
        await using var sandbox = await SandboxAsync();
        var tracks = Originals(sandbox, 120);
        var first = await ListenerWithPlaysAsync(tracks);
        var runner = new EnrichmentRunner(Store, Time, sandbox);

        var run = await runner.RunAsync(await StartAsync(first));

        Assert.Equal(120, sandbox.RequestCount(SandboxEndpoints.Track));
        Assert.Equal(0, sandbox.RequestCount(SandboxEndpoints.Search));
        Assert.Equal(360, await PlaysAsync(first, "enriched"));
        var sample = tracks[7];
        var play = await Store.ReadAsync(c => c.QueryFirstAsync<(string Isrc, long Duration, string Album)>(
            "SELECT isrc, duration_ms, album FROM plays WHERE spotify_track_id = @id", new { id = sample.Id }), CancellationToken.None);
        Assert.Equal((sample.Isrc!, (long)sample.DurationMs, sample.Album.Name), play);
        Assert.Equal(Refrain.Runs.RunState.Succeeded, run.State);
        Assert.Contains("\"tracks_resolved\":120", run.Summary, StringComparison.Ordinal);
        Assert.Contains("\"plays_enriched\":360", run.Summary, StringComparison.Ordinal);
        Assert.Contains("\"calls\":120", run.Summary, StringComparison.Ordinal);
        Assert.Equal(3, await CountAsync("SELECT COUNT(*) FROM jobs WHERE job_type = 'enrich_tracks'"));

        // The same tracks for another listener are filled from what the first run resolved: no job, no request.
        var second = await ListenerWithPlaysAsync(tracks.Take(60), perTrack: 2);
        await runner.RunAsync(await StartAsync(second));

        Assert.Equal(120, sandbox.RequestCount(SandboxEndpoints.Track));
        Assert.Equal(120, await PlaysAsync(second, "enriched"));
        Assert.Equal(3, await CountAsync("SELECT COUNT(*) FROM jobs WHERE job_type = 'enrich_tracks'"));
    }

    [StoreFact]
    public async Task CachedTracks_CostNoCall_AndTheBatchEndpointCostsOneCallPer50()
    {
        await using var sandbox = await SandboxAsync();
        var tracks = Originals(sandbox, 130);
        var first = await ListenerWithPlaysAsync(tracks.Take(30), perTrack: 1);
        await new EnrichmentRunner(Store, Time, sandbox, batch: true).RunAsync(await StartAsync(first));
        Assert.Equal(1, sandbox.RequestCount(SandboxEndpoints.Tracks));

        // Forget the resolutions but keep the track cache: the same 30 tracks for another listener cost nothing.
        await Store.WriteAsync((c, tx) => c.ExecuteAsync("DELETE FROM track_resolutions", transaction: tx), CancellationToken.None);
        var second = await ListenerWithPlaysAsync(tracks.Take(30), perTrack: 2);
        await new EnrichmentRunner(Store, Time, sandbox, batch: true).RunAsync(await StartAsync(second));
        Assert.Equal(1, sandbox.RequestCount(SandboxEndpoints.Tracks));
        Assert.Equal(60, await PlaysAsync(second, "enriched"));

        // 100 unknown tracks: two jobs of 50, one batch request each.
        var third = await ListenerWithPlaysAsync(tracks.Skip(30), perTrack: 2);
        await new EnrichmentRunner(Store, Time, sandbox, batch: true).RunAsync(await StartAsync(third));

        Assert.Equal(3, sandbox.RequestCount(SandboxEndpoints.Tracks));
        Assert.Equal(0, sandbox.RequestCount(SandboxEndpoints.Track));
        Assert.Equal(200, await PlaysAsync(third, "enriched"));
    }

    [StoreFact]
    public async Task NameOnlyPlays_AreResolvedBySearchAndTheMatcher_AndUnknownsAreRecheckedAfterOneThenTwoDays()
    {
        await using var sandbox = await SandboxAsync();
        // Songs whose every Spotify track is the same recording (same ISRC, lengths within 2 s, as the matcher defines it): a
        // name alone decides them. A remaster or a longer cut is another recording, ambiguous by name alone.
        // Nor may another song carry the same title by the same artist (a re-recording): that too is ambiguous by name.
        bool Unique(SandboxTrack t) => !sandbox.Catalog.Tracks.Any(o => o.SongNumber != t.SongNumber
            && string.Equals(o.Name, t.Name, StringComparison.OrdinalIgnoreCase) && o.Artists.Any(a => a.Name == t.Artists[0].Name));
        var songs = sandbox.Catalog.Tracks.GroupBy(t => t.SongNumber)
            .Where(g => g.All(t => t.Version is "original" or "single" or "compilation") && g.Any(t => t.Version == "original"))
            .Where(g => Unique(g.First()) && g.Select(t => t.Isrc).Distinct().Count() == 1 && g.Max(t => t.DurationMs) - g.Min(t => t.DurationMs) <= 2000)
            .Select(g => g.First(t => t.Version == "original")).Take(10).ToList();
        Assert.Equal(10, songs.Count);

        var listener = await ListenerWithPlaysAsync(
            [new SandboxTrack("0000000000000000000000", "Gone", songs[0].Artists, songs[0].Album, 1000, null, false, 1, 0, "original")], perTrack: 2,
            byName: songs.Select(t => (t.Name, t.Artists[0].Name, 200_000L)).Append(("Zzyzx Qwv Nothing", "Nobody Atall", 200_000L)));

        var started = Time.GetUtcNow();
        var run = await new EnrichmentRunner(Store, Time, sandbox).RunAsync(await StartAsync(listener));

        Assert.Equal(11, sandbox.RequestCount(SandboxEndpoints.Search));
        Assert.Equal(1, sandbox.RequestCount(SandboxEndpoints.Track));
        var enriched = (await Store.ReadAsync(c => c.QueryAsync<(string Title, string Id)>(
            "SELECT title, spotify_track_id FROM plays WHERE listener_id = @listener AND enrich_state = 'enriched'", new { listener }), CancellationToken.None)).ToList();
        var why = string.Join("; ", await Store.ReadAsync(c => c.QueryAsync<string>(
            "SELECT title || ' / ' || artist || ' / ' || norm_title || ' / ' || norm_artist || ' : ' || COALESCE(enrich_reason, '') FROM plays WHERE listener_id = @listener AND enrich_state <> 'enriched'", new { listener }), CancellationToken.None));
        Assert.True(enriched.Count == 10, why);
        Assert.All(enriched, p => Assert.Equal(songs.Single(s => s.Name == p.Title).SongNumber, sandbox.Catalog.Track(p.Id)!.SongNumber));
        Assert.Contains("\"tracks_unresolved\":2", run.Summary, StringComparison.Ordinal);

        var (dayFrom, day) = (started.AddDays(1).ToUnixTimeMilliseconds(), Time.GetUtcNow().AddDays(1).ToUnixTimeMilliseconds());
        var unresolved = (await Store.ReadAsync(c => c.QueryAsync<(string Reason, long Recheck)>(
            "SELECT enrich_reason, recheck_at FROM plays WHERE listener_id = @listener AND enrich_state = 'unresolved' ORDER BY enrich_reason", new { listener }),
            CancellationToken.None)).ToList();
        Assert.Equal(3, unresolved.Count);
        Assert.Equal(["no_candidates", "not_found", "not_found"], unresolved.Select(u => u.Reason));
        Assert.All(unresolved, u => Assert.InRange(u.Recheck, dayFrom, day));

        // Not due yet: the sweep finds nothing. A day later it re-checks both keys once, and the next wait is two days.
        Assert.Equal(0, await Store.EnqueueEnrichmentDueAsync(null, CancellationToken.None));
        Time.Advance(TimeSpan.FromDays(1));
        var second = await StartAsync(listener);
        started = Time.GetUtcNow();
        await new EnrichmentRunner(Store, Time, sandbox).RunAsync(second);

        Assert.Equal(12, sandbox.RequestCount(SandboxEndpoints.Search));
        Assert.Equal(2, sandbox.RequestCount(SandboxEndpoints.Track));
        var (twoDaysFrom, twoDays) = (started.AddDays(2).ToUnixTimeMilliseconds(), Time.GetUtcNow().AddDays(2).ToUnixTimeMilliseconds());
        Assert.All(await Store.GetTrackResolutionsAsync(["id:0000000000000000000000"], CancellationToken.None), r =>
        {
            Assert.Equal((TrackResolution.Unresolved, 2L), (r.State, r.Checks));
            Assert.InRange(r.RecheckAt!.Value.ToUnixTimeMilliseconds(), twoDaysFrom, twoDays);
        });
        Assert.Equal(3, await CountAsync("SELECT COUNT(*) FROM plays WHERE listener_id = @listener AND enrich_state = 'unresolved' AND recheck_at > @day",
            new { listener, day = twoDaysFrom - 1 }));
    }

    [StoreFact]
    public async Task Sweep_EnqueuesOneJobPerListenerWithPlaysDue_InOneStatement_AndTheScheduleShipsHourly()
    {
        await using var sandbox = await SandboxAsync();
        var tracks = Originals(sandbox, 10);
        var done = await ListenerWithPlaysAsync(tracks.Take(5), perTrack: 1);
        await new EnrichmentRunner(Store, Time, sandbox).RunAsync(await StartAsync(done));
        var pending = await ListenerWithPlaysAsync(tracks.Skip(5), perTrack: 1);
        await Store.CreateListenerAsync(1, "No plays", CancellationToken.None);

        var first = await Store.EnqueueEnrichmentDueAsync(null, CancellationToken.None);
        var again = await Store.EnqueueEnrichmentDueAsync(null, CancellationToken.None);

        Assert.Equal((1, 0), (first, again));
        Assert.Equal($"listener:{pending}", await Store.ReadAsync(c => c.ExecuteScalarAsync<string>(
            "SELECT subject FROM jobs WHERE job_type = 'enrich_listener' AND state = 'pending'"), CancellationToken.None));
        var schedule = Assert.Single(Hosting.EngineServices.DefaultSchedules, d => d.Name == "listening-enrich");
        Assert.Equal(("15 * * * *", "spotify/sweep_enrich_listeners"), (schedule.Cron, schedule.Job));
    }

    [StoreFact]
    public async Task TooManyRequestsStorm_LeavesPlaysPendingAndNothingUnresolved_ThenCompletesWhenThePauseEnds()
    {
        var stormEnd = Time.GetUtcNow().AddMinutes(10);
        await using var sandbox = await SandboxAsync(o => o.Spotify.StormUntil = stormEnd);
        var tracks = Originals(sandbox, 80);
        var listener = await ListenerWithPlaysAsync(tracks, perTrack: 2);
        var runId = await StartAsync(listener);
        var runner = new EnrichmentRunner(Store, Time, sandbox);

        // Until the storm ends: the first 429 pauses Spotify; every play stays pending and no key is written unresolved.
        await runner.RunUntilAsync(async () => Time.GetUtcNow() >= stormEnd.AddMinutes(-1));
        Assert.True(sandbox.TooManyRequestsServed > 0);
        Assert.Equal(160, await PlaysAsync(listener, "pending"));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM track_resolutions WHERE state = 'unresolved'"));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM jobs WHERE job_type = 'enrich_tracks' AND attempts > 1"));

        var run = await runner.RunAsync(runId);

        Assert.Equal(160, await PlaysAsync(listener, "enriched"));
        Assert.Equal(Refrain.Runs.RunState.Succeeded, run.State);
        Assert.Equal(80, sandbox.RequestCount(SandboxEndpoints.Track) - sandbox.TooManyRequestsServed);
    }
}

public sealed class SqliteEnrichmentTests : EnrichmentCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresEnrichmentTests : EnrichmentCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => PostgresDb.CreateAsync();
}
