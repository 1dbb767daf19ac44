using System.Globalization;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Refrain.Hosting;
using Refrain.Jobs;
using Refrain.Listening;
using Refrain.Listening.Sync;
using Refrain.Runs;
using Refrain.Sandbox;
using Refrain.Scheduling;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Storage;

namespace Refrain.Tests.Listening.Sync;

/// <summary>
/// Syncing recently played on both databases, against the sandbox over HTTP: plays stored once, the cursor advanced, a full
/// answer recorded as a possible gap, the merge with an imported export, tombstones honoured, one listener failing alone, the
/// sweep enqueueing one job per active connected listener, and the run summary.
/// </summary>
public abstract class ListenerSyncCompliance : StoreTestBase, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("refrain-sync-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private static long Second(DateTimeOffset at) => Ms(at) - Ms(at) % 1000;

    [StoreFact]
    public async Task Sync_StoresThePlays_AdvancesTheCursor_AndASecondSyncAddsNothing()
    {
        await using var h = await SyncHarness.StartAsync(Store, Time);
        var listener = await h.ConnectedListenerAsync(1);
        var user = h.Sandbox.Listening.User(1);
        var visible = h.Sandbox.Listening.Recent(user, Time.GetUtcNow());

        var (first, _) = await h.SyncAsync(listener);
        var (again, _) = await h.SyncAsync(listener);

        Assert.Equal(50, visible.Count);
        Assert.Equal("added 50 of 50 plays, possible gap", Assert.IsType<JobOutcome.Succeeded>(first).Detail);
        Assert.Equal("added 0 of 0 plays", Assert.IsType<JobOutcome.Succeeded>(again).Detail);
        Assert.Equal(Ms(visible[0].PlayedAt), await h.CursorAsync(listener)); // the newest play's end, to the millisecond
        var stored = (await Store.ReadAsync(c => c.QueryAsync<(long PlayedAt, string TrackId, string Source, long Precision)>(
            "SELECT played_at, spotify_track_id, source, precision_ms FROM plays WHERE listener_id = @listener ORDER BY played_at DESC", new { listener }), CancellationToken.None)).ToList();
        Assert.Equal(visible.Select(p => (Second(p.PlayedAt), p.Track.Id)), stored.Select(s => (s.PlayedAt, s.TrackId)));
        Assert.All(stored, s => Assert.Equal(("spotify_recent", 1000L), (s.Source, s.Precision)));
        var progress = (await Store.GetListenerProgressAsync(listener, null, CancellationToken.None))!;
        Assert.Equal(Time.GetUtcNow(), progress.Listener.LastSyncAt);
        Assert.Null(progress.Listener.LastError);

        Time.Advance(TimeSpan.FromHours(2));
        var cursor = (await h.CursorAsync(listener))!.Value;
        var fresh = h.Sandbox.Listening.Plays(user, DateTimeOffset.FromUnixTimeMilliseconds(cursor), Time.GetUtcNow());
        var (later, _) = await h.SyncAsync(listener);

        Assert.InRange(fresh.Count, 1, 49);
        Assert.Equal($"added {fresh.Count} of {fresh.Count} plays", Assert.IsType<JobOutcome.Succeeded>(later).Detail);
        Assert.Equal(Ms(fresh[0].PlayedAt), await h.CursorAsync(listener));
        Assert.Equal(50 + fresh.Count, await h.CountAsync("SELECT COUNT(*) FROM plays"));
        Assert.True(h.Tokens.Refreshes >= 1); // the first access token had expired: a 401, one refresh, the request repeated
    }

    [StoreFact]
    public async Task ASyncThatComesBackFull_RecordsAPossibleGap_AndOneThatDoesNot_DoesNot()
    {
        await using var h = await SyncHarness.StartAsync(Store, Time);
        var listener = await h.ConnectedListenerAsync(2);
        var firstAt = Time.GetUtcNow();

        await h.SyncAsync(listener);
        Time.Advance(TimeSpan.FromMinutes(90));
        await h.SyncAsync(listener);

        var (gaps, lastGap) = await Store.ReadAsync(c => c.QuerySingleAsync<(long, long?)>(
            "SELECT possible_gaps, last_gap_at FROM listeners WHERE id = @listener", new { listener }), CancellationToken.None);
        Assert.Equal((1L, (long?)Ms(firstAt)), (gaps, lastGap));

        // Eight hours of back-to-back sessions is more than 50 plays: the next answer is full again.
        Time.Advance(TimeSpan.FromHours(8));
        await h.SyncAsync(listener);
        var progress = (await Store.GetListenerProgressAsync(listener, null, CancellationToken.None))!;
        Assert.Equal((2L, Time.GetUtcNow()), (progress.PossibleGaps, progress.LastGapAt));
    }

    [StoreFact]
    public async Task AnImportedExport_AndASyncOfTheSamePlays_StoreEachPlayOnce()
    {
        await using var h = await SyncHarness.StartAsync(Store, Time);
        var listener = await h.ConnectedListenerAsync(3);
        var visible = h.Sandbox.Listening.Recent(h.Sandbox.Listening.User(3), Time.GetUtcNow());
        // Account data: end times to the minute, the track's first artist, as Spotify's privacy export writes them.
        var rows = visible.Select(p => (object)HistoryFiles.AccountData(
            p.PlayedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), p.Track.Artists[0].Name, p.Track.Name, p.MsPlayed)).ToList();
        var imported = await new ListenImporter(Store).ImportAsync(listener, HistoryFiles.Write(_dir, "StreamingHistory_music_0.json", rows), CancellationToken.None);

        var (outcome, _) = await h.SyncAsync(listener);

        Assert.Equal(50, imported.Counts.Imported);
        Assert.Equal("added 0 of 50 plays, possible gap", Assert.IsType<JobOutcome.Succeeded>(outcome).Detail);
        Assert.Equal(50, await h.CountAsync("SELECT COUNT(*) FROM plays"));
        Assert.Equal(50, await h.CountAsync("SELECT COUNT(*) FROM plays WHERE source = 'account_data'"));
    }

    [StoreFact]
    public async Task ATombstonedPlay_IsNotBroughtBackBySync_WhileAPlainlyDeletedOneIs()
    {
        await using var h = await SyncHarness.StartAsync(Store, Time);
        var listener = await h.ConnectedListenerAsync(4);
        await h.SyncAsync(listener);
        var (tombstoned, deleted) = await Store.ReadAsync(c => c.QuerySingleAsync<(long, long)>(
            "SELECT MIN(id), MAX(id) FROM plays WHERE listener_id = @listener", new { listener }), CancellationToken.None);
        await Store.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("INSERT INTO play_tombstones (listener_id, ingest_key, deleted_at) SELECT listener_id, ingest_key, 0 FROM plays WHERE id = @tombstoned",
                new { tombstoned }, tx);
            await c.ExecuteAsync("DELETE FROM plays WHERE id IN (@tombstoned, @deleted)", new { tombstoned, deleted }, tx);
            // Forget the cursor so the same 50 plays come back.
            return await c.ExecuteAsync("UPDATE listeners SET sync_cursor = NULL WHERE id = @listener", new { listener }, tx);
        }, CancellationToken.None);

        var (outcome, _) = await h.SyncAsync(listener);

        Assert.Equal("added 1 of 50 plays, possible gap", Assert.IsType<JobOutcome.Succeeded>(outcome).Detail);
        Assert.Equal(49, await h.CountAsync("SELECT COUNT(*) FROM plays"));
        Assert.Equal(0, await h.CountAsync("SELECT COUNT(*) FROM plays p JOIN play_tombstones t ON t.ingest_key = p.ingest_key"));
    }

    [StoreFact]
    public async Task OneListenerFailing_LeavesTheOthersSyncing()
    {
        await using var h = await SyncHarness.StartAsync(Store, Time);
        var alice = await h.ConnectedListenerAsync(5);
        var bob = await h.ConnectedListenerAsync(6);
        h.Sandbox.RevokeAccess(6);   // Bob removed the app's access: his next refresh is invalid_grant
        h.Sandbox.ExpireTokens();    // every access token answers 401 now, so both must refresh

        var (aliceOutcome, _) = await h.SyncAsync(alice);
        var (bobOutcome, bobJob) = await h.SyncAsync(bob);

        Assert.IsType<JobOutcome.Succeeded>(aliceOutcome);
        Assert.Contains("invalid_grant", Assert.IsType<JobOutcome.Permanent>(bobOutcome).Error, StringComparison.Ordinal);
        Assert.Equal(JobState.Failed, (await Store.GetJobAsync(bobJob.Id, CancellationToken.None))!.State);
        var a = (await Store.GetListenerProgressAsync(alice, null, CancellationToken.None))!;
        var b = (await Store.GetListenerProgressAsync(bob, null, CancellationToken.None))!;
        Assert.Equal((50L, null, Time.GetUtcNow()), (a.TotalPlays, a.Listener.LastError, a.Listener.LastSyncAt));
        Assert.Equal((0L, (DateTimeOffset?)null), (b.TotalPlays, b.Listener.LastSyncAt));
        Assert.Contains("invalid_grant", b.Listener.LastError, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task AListenerThatIsNotActive_OrIsGone_IsSkippedWithoutACall()
    {
        await using var h = await SyncHarness.StartAsync(Store, Time);
        var paused = await h.ConnectedListenerAsync(7, status: "paused");
        var unconnected = await Store.CreateListenerAsync(1, "Nobody", CancellationToken.None);

        var (pausedOutcome, _) = await h.SyncAsync(paused);
        var (unconnectedOutcome, _) = await h.SyncAsync(unconnected);
        var (goneOutcome, _) = await h.SyncAsync(unconnected + 1000);

        Assert.Equal("skipped: the listener is paused", Assert.IsType<JobOutcome.Succeeded>(pausedOutcome).Detail);
        Assert.Equal("skipped: the listener is not connected", Assert.IsType<JobOutcome.Succeeded>(unconnectedOutcome).Detail);
        Assert.Equal("skipped: the listener no longer exists", Assert.IsType<JobOutcome.Succeeded>(goneOutcome).Detail);
        Assert.Equal(0, h.Sandbox.RequestCount(SandboxEndpoints.RecentlyPlayed) + await h.CountAsync("SELECT COUNT(*) FROM plays"));
    }

    [StoreFact]
    public async Task TheSweep_EnqueuesOneSyncPerActiveConnectedListener_AndTheRunSummarySaysWhatHappened()
    {
        await using var h = await SyncHarness.StartAsync(Store, Time);
        var other = (await Store.CreateAccountAsync("other", CancellationToken.None))!.Id;
        var alice = await h.ConnectedListenerAsync(8);
        var bob = await h.ConnectedListenerAsync(9, account: other);
        var expiring = await h.ConnectedListenerAsync(10);
        await h.MarkConnectedAsync(expiring, refreshExpiresAt: Time.GetUtcNow().AddDays(5));
        var month = await h.ConnectedListenerAsync(11);
        await h.MarkConnectedAsync(month, refreshExpiresAt: Time.GetUtcNow().AddDays(20));
        await h.ConnectedListenerAsync(12, status: "reauth_required");
        await h.ConnectedListenerAsync(13, status: "paused");
        await Store.CreateListenerAsync(1, "Never connected", CancellationToken.None);
        h.Sandbox.RevokeAccess(11);
        h.Sandbox.ExpireTokens();

        var started = await Store.StartRunAsync(new RunStart(SyncSweepHandler.Kind, null, "schedule", "test"),
            new NewJob(SyncSweepHandler.Source, SyncSweepHandler.JobType), CancellationToken.None);
        var (sweep, _) = await h.RunNextAsync();
        var again = await Store.EnqueueListenerSyncsAsync(started.RunId, null, CancellationToken.None);

        Assert.Equal("enqueued 4 jobs", Assert.IsType<JobOutcome.Succeeded>(sweep).Detail);
        Assert.Equal(0, again); // each listener's sync is already queued
        var subjects = (await Store.ReadAsync(c => c.QueryAsync<string>(
            "SELECT subject FROM jobs WHERE job_type = 'sync_recently_played' AND run_id = @run ORDER BY subject", new { run = started.RunId }), CancellationToken.None)).ToList();
        Assert.Equal(new[] { alice, bob, expiring, month }.Select(SyncRecentlyPlayedHandler.Subject).Order(StringComparer.Ordinal), subjects);

        for (var i = 0; i < 4; i++)
        {
            await h.RunNextAsync();
        }

        var run = (await Store.GetRunAsync(started.RunId!.Value, CancellationToken.None))!;
        var summary = await new SyncRunSummarizer(Time).SummarizeAsync(Store, run, CancellationToken.None);
        using var json = System.Text.Json.JsonDocument.Parse(summary);
        var root = json.RootElement;
        Assert.Equal((3, 150, 3, 1), (root.GetProperty("synced").GetInt32(), root.GetProperty("plays_added").GetInt32(),
            root.GetProperty("possible_gaps").GetInt32(), root.GetProperty("failed").GetInt32()));
        Assert.Equal([expiring], root.GetProperty("refresh_expiring_7_days").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal([expiring, month], root.GetProperty("refresh_expiring_30_days").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Contains("synced 3, plays added 150", root.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal([expiring], root.GetProperty("newly_reported_7_days").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal([month], root.GetProperty("newly_reported_30_days").EnumerateArray().Select(e => e.GetInt64()));

        // The next run reports the same listeners, but none of them newly; one that moves into the 7-day band is new there.
        Time.Advance(TimeSpan.FromDays(14));
        using var next = System.Text.Json.JsonDocument.Parse(await new SyncRunSummarizer(Time).SummarizeAsync(Store, run, CancellationToken.None));
        Assert.Equal([expiring, month], next.RootElement.GetProperty("refresh_expiring_7_days").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal([month], next.RootElement.GetProperty("newly_reported_7_days").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Empty(next.RootElement.GetProperty("newly_reported_30_days").EnumerateArray());
    }

    [StoreFact]
    public async Task ARestartBetweenTwoScheduledSyncs_KeepsTheScheduleAndTheCursor()
    {
        await using var h = await SyncHarness.StartAsync(Store, Time);
        var listener = await h.ConnectedListenerAsync(14);
        var registry = new JobHandlerRegistry([
            new JobHandlerRegistration(SyncSweepHandler.Source, SyncSweepHandler.JobType, _ => new SyncSweepHandler()),
            new JobHandlerRegistration(SyncRecentlyPlayedHandler.Source, SyncRecentlyPlayedHandler.JobType, _ => new SyncRecentlyPlayedHandler(h.Client())) { Provider = "spotify" },
        ]);
        await new ScheduleService(Store, registry, Time).UpsertAsync(
            EngineServices.DefaultSchedules.Single(d => d.Name == SyncSweepHandler.ScheduleName), CancellationToken.None);

        // 13:00: the first fire syncs the latest 50 plays.
        Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await new Scheduler(Store, registry, new SchedulingOptions(), Time, NullLogger<Scheduler>.Instance).TickAsync(CancellationToken.None));
        await h.RunNextAsync();
        var (first, _) = await h.RunNextAsync();
        var cursor = (await h.CursorAsync(listener))!.Value;

        // A restart: a new store and scheduler on the same database, knowing nothing but what the database holds.
        var restarted = await OpenStoreAsync();
        h.Store = restarted;
        var schedule = (await restarted.GetScheduleAsync(null, SyncSweepHandler.ScheduleName, CancellationToken.None))!;
        Time.Advance(TimeSpan.FromHours(1));
        var fresh = h.Sandbox.Listening.Plays(h.Sandbox.Listening.User(14), DateTimeOffset.FromUnixTimeMilliseconds(cursor), Time.GetUtcNow());
        Assert.Equal(1, await new Scheduler(restarted, registry, new SchedulingOptions(), Time, NullLogger<Scheduler>.Instance).TickAsync(CancellationToken.None));
        await h.RunNextAsync();
        var (second, job) = await h.RunNextAsync();

        Assert.Equal("added 50 of 50 plays, possible gap", Assert.IsType<JobOutcome.Succeeded>(first).Detail);
        Assert.Equal(DateTimeOffset.Parse("2026-11-22T14:00:00Z", CultureInfo.InvariantCulture), schedule.NextFire);
        Assert.Equal(SyncRecentlyPlayedHandler.JobType, job.JobType);
        // Asked with after=<stored cursor>: only the plays since then came back (without it, 50 would have).
        Assert.InRange(fresh.Count, 1, 49);
        Assert.Equal($"added {fresh.Count} of {fresh.Count} plays", Assert.IsType<JobOutcome.Succeeded>(second).Detail);
        Assert.Equal(Ms(fresh[0].PlayedAt), await h.CursorAsync(listener));
        Assert.Equal(2, await h.CountAsync("SELECT COUNT(*) FROM runs WHERE kind = @kind AND schedule_name = @name",
            new { kind = SyncSweepHandler.Kind, name = SyncSweepHandler.ScheduleName }));
    }

    [StoreFact]
    public async Task ServerErrorsAndBadBodiesAreRetriesThatKeepTheError_AndA429SnoozesWithoutBlamingTheListener()
    {
        await using var h = await SyncHarness.StartAsync(Store, Time);
        var failing = await h.ConnectedListenerAsync(16);
        var garbled = await h.ConnectedListenerAsync(17);
        var limited = await h.ConnectedListenerAsync(18);

        h.Sandbox.Options.Spotify.ServerErrorRate = 1;
        var (error, _) = await h.SyncAsync(failing);
        h.Sandbox.Options.Spotify.ServerErrorRate = 0;
        h.Sandbox.Options.Spotify.MalformedRate = 1;
        var (malformed, _) = await h.SyncAsync(garbled);
        h.Sandbox.Options.Spotify.MalformedRate = 0;
        h.Sandbox.Options.Spotify.TooManyRequestsRate = 1;
        var (tooMany, tooManyJob) = await h.SyncAsync(limited);

        Assert.StartsWith("HTTP 5", Assert.IsType<JobOutcome.Retry>(error).Error, StringComparison.Ordinal);
        Assert.True(Assert.IsType<JobOutcome.Retry>(malformed).Unparseable);
        Assert.Equal("rate", Assert.IsType<JobOutcome.Snooze>(tooMany).Reason);
        Assert.Equal(JobState.Pending, (await Store.GetJobAsync(tooManyJob.Id, CancellationToken.None))!.State);
        var errors = (await Store.ReadAsync(c => c.QueryAsync<(long Id, string? Error, long? Cursor)>(
            "SELECT id, last_error, sync_cursor FROM listeners ORDER BY id"), CancellationToken.None)).ToList();
        Assert.StartsWith("transient: HTTP 5", errors.Single(e => e.Id == failing).Error, StringComparison.Ordinal);
        Assert.StartsWith("transient: ", errors.Single(e => e.Id == garbled).Error, StringComparison.Ordinal);
        Assert.Null(errors.Single(e => e.Id == limited).Error);
        Assert.All(errors, e => Assert.Null(e.Cursor));
        Assert.Equal(0, await h.CountAsync("SELECT COUNT(*) FROM plays"));
    }
}

public sealed class SqliteListenerSyncTests : ListenerSyncCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresListenerSyncTests : ListenerSyncCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => PostgresDb.CreateAsync();
}
