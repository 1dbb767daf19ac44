using System.Text.Json;
using Dapper;
using Refrain.Listening;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Storage;
using static Refrain.Tests.Listening.HistoryFiles;

namespace Refrain.Tests.Listening;

/// <summary>Importing listening history on both databases: formats, skip reasons, idempotence, atomic files, the merge, zips.</summary>
public abstract class ListenImportCompliance : StoreTestBase, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("refrain-listens-").FullName;

    /// <summary>xunit disposes the test class after <c>DisposeAsync</c>: the generated history files go with it.</summary>
    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }
    private long _listener;

    private async Task<long> ListenerAsync() => _listener = _listener != 0 ? _listener : await Store.CreateListenerAsync(1, "Alice", CancellationToken.None);

    private async Task<ListenFileResult> ImportAsync(string path, ListenImporter? importer = null) =>
        await (importer ?? new ListenImporter(Store)).ImportAsync(await ListenerAsync(), path, CancellationToken.None);

    private Task<long> CountAsync(string sql) => Store.ReadAsync(c => c.ExecuteScalarAsync<long>(sql), CancellationToken.None);

    private static (long, long, long, long, long, long) Tuple(ListenCounts c) => (c.Imported, c.Duplicate, c.Short, c.Incognito, c.Podcast, c.Invalid);

    [StoreFact]
    public async Task Extended_CountsEverySkipReason_AndStoresThePlaysToTheSecond()
    {
        var rows = new List<object>
        {
            Extended("2024-01-31T23:59:12.789Z", "Jolene", "Dolly Parton", uri: "spotify:track:2SpEHTbUuebeLkgs9QB7Ue"),
            Extended("2024-02-01T08:00:00Z", "Mr. Brightside", "The Killers"),
            With(Extended("2024-02-01T09:00:00Z", null, null), "episode_name", "Ep 1"),
            With(Extended("2024-02-01T09:10:00Z", null, null), "audiobook_title", "A Book"),
            Extended("2024-02-01T09:20:00Z", "Secret", "Someone", incognito: true),
            Extended("2024-02-01T09:30:00Z", "Skipped", "Someone", msPlayed: 29_999),
            Extended("not a time", "Bad", "Someone"),
            Extended("2024-02-01T09:40:00Z", "No artist", null),
            new Dictionary<string, object?> { ["ts"] = "2024-02-01T09:50:00Z", ["ms_played"] = "lots", ["master_metadata_track_name"] = "X" },
        };

        var result = await ImportAsync(Write(_dir, "Streaming_History_Audio_2024.json", rows));

        Assert.Null(result.Error);
        Assert.Equal((2L, 0L, 1L, 1L, 2L, 3L), Tuple(result.Counts));
        var jolene = await Store.ReadAsync(c => c.QuerySingleAsync<(long PlayedAt, long Ms, string Source, long Precision, string TrackId, string Album)>(
            "SELECT played_at, ms_played, source, precision_ms, spotify_track_id, album FROM plays WHERE title = 'Jolene'"), CancellationToken.None);
        Assert.Equal((DateTimeOffset.Parse("2024-01-31T23:59:12Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(), 200_000L, "extended", 1000L,
            "2SpEHTbUuebeLkgs9QB7Ue", "Album"), jolene);
        Assert.Equal(2, await CountAsync("SELECT COUNT(*) FROM plays WHERE enrich_state = 'pending'"));
    }

    [StoreFact]
    public async Task ImportForADeletedListener_FailsTheFile_AndStoresNothing()
    {
        var listener = await ListenerAsync();
        Assert.True(await Store.DeleteListenerAsync(listener, null, CancellationToken.None));

        var result = await ImportAsync(Write(_dir, "Streaming_History_Audio_2024.json", [Extended("2024-02-01T08:00:00Z", "Jolene", "Dolly Parton")]));

        Assert.Equal($"listener {listener} no longer exists; nothing was stored", result.Error);
        Assert.Equal(0, result.Counts.Imported);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM plays"));
    }

    [StoreFact]
    public async Task AccountData_StoresPlaysToTheMinute()
    {
        var rows = new object[]
        {
            AccountData("2024-01-31 23:59", "Dolly Parton", "Jolene"),
            AccountData("2024-02-01 08:00", "The Killers", "Mr. Brightside"),
            AccountData("2024-02-01 08:05", "The Killers", "Short", msPlayed: 1000),
            AccountData("31/01/2024 10:00", "The Killers", "Bad time"),
            new Dictionary<string, object?> { ["endTime"] = "2024-02-01 08:10", ["podcastName"] = "Show", ["episodeName"] = "Ep", ["msPlayed"] = 900_000 },
        };

        var result = await ImportAsync(Write(_dir, "StreamingHistory_music_0.json", rows));

        Assert.Equal((2L, 0L, 1L, 0L, 1L, 1L), Tuple(result.Counts));
        Assert.Equal(2, await CountAsync("SELECT COUNT(*) FROM plays WHERE source = 'account_data' AND precision_ms = 60000 AND played_at % 60000 = 0"));
    }

    [StoreFact]
    public async Task TheSameFileTwice_AddsNothing()
    {
        // More rows than one batch, so the second run merges against plays of earlier batches too.
        var rows = Enumerable.Range(0, ListenImporter.BatchSize * 2 + 17).Select(i =>
            (object)Extended(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000 + (i * 240L)).ToString("O", System.Globalization.CultureInfo.InvariantCulture), $"Song {i % 300}", $"Artist {i % 40}"));
        var path = Write(_dir, "endsong_0.json", rows);

        var first = await ImportAsync(path);
        Time.Advance(TimeSpan.FromMinutes(1));
        var again = await ImportAsync(path);

        Assert.Equal(ListenImporter.BatchSize * 2 + 17, first.Counts.Imported);
        Assert.Equal((0L, first.Counts.Imported), (again.Counts.Imported, again.Counts.Duplicate));
        Assert.Equal(first.Counts.Imported, await CountAsync("SELECT COUNT(*) FROM plays"));
    }

    [StoreFact]
    public async Task CorruptFiles_StoreNothing_WhileOtherFilesImport()
    {
        var good = Enumerable.Range(0, 3).Select(i => (object)Extended($"2024-03-01T10:0{i}:00Z", $"Song {i}", "Artist")).ToList();
        var truncated = JsonSerializer.Serialize(good)[..^20];
        var importer = new ListenImporter(Store);

        var broken = await ImportAsync(WriteText(_dir, "broken.json", "[\n" + JsonSerializer.Serialize(good)[1..^1] + ",\n{\"ts\": oops}]"), importer);
        var cut = await ImportAsync(WriteText(_dir, "cut.json", truncated), importer);
        var notArray = await ImportAsync(WriteText(_dir, "object.json", """{"ts":"2024-03-01T10:00:00Z"}"""), importer);
        var numbers = await ImportAsync(WriteText(_dir, "numbers.json", "[1, 2]"), importer);
        var otherShape = await ImportAsync(WriteText(_dir, "other.json", """[{"name": "x"}]"""), importer);
        var ok = await ImportAsync(Write(_dir, "ok.json", good), importer);

        Assert.Contains("line 3", broken.Error, StringComparison.Ordinal);
        Assert.All(new[] { broken, cut, notArray, numbers, otherShape }, r =>
        {
            Assert.True(r.Failed, r.File);
            Assert.Equal(0, r.Counts.Total);
        });
        Assert.Equal(3, ok.Counts.Imported);
        Assert.Equal(3, await CountAsync("SELECT COUNT(*) FROM plays"));
    }

    [StoreFact]
    public async Task AccountDataThenExtended_StoresEachPlayOnce_AndKeepsRealRepeats()
    {
        var account = Write(_dir, "StreamingHistory0.json", new object[]
        {
            AccountData("2024-01-31 23:59", "Dolly Parton", "Jolene"),
            AccountData("2024-02-01 00:03", "Dolly Parton", "Jolene"),
            AccountData("2024-02-01 00:10", "The Killers", "Mr. Brightside"),
        });
        var extended = Write(_dir, "Streaming_History_Audio_0.json", new object[]
        {
            Extended("2024-01-31T23:59:59Z", "Jolene", "Dolly Parton"),
            Extended("2024-02-01T00:03:00Z", "JOLENE", "Dolly  Parton"),
            Extended("2024-02-01T00:10:30Z", "Mr Brightside", "The Killers"),
            Extended("2024-02-01T00:11:00Z", "Jolene", "Dolly Parton"),
        });

        var first = await ImportAsync(account);
        var second = await ImportAsync(extended);

        Assert.Equal(3, first.Counts.Imported);
        // The three plays of the account data come back to the second (merged); the Jolene at 00:11 is a real fourth play.
        Assert.Equal((1L, 3L), (second.Counts.Imported, second.Counts.Duplicate));
        Assert.Equal(3, await CountAsync("SELECT COUNT(*) FROM plays WHERE norm_title = 'jolene'"));
    }

    [StoreFact]
    public async Task ExtendedThenAccountData_MergesInTheOtherDirection()
    {
        var first = await ImportAsync(Write(_dir, "endsong_1.json", new object[]
        {
            Extended("2024-05-01T12:00:45Z", "Song", "Band"),
            Extended("2024-05-01T12:04:10Z", "Song", "Band"),
        }));
        var second = await ImportAsync(Write(_dir, "StreamingHistory1.json", new object[]
        {
            AccountData("2024-05-01 12:00", "Band", "Song"),
            AccountData("2024-05-01 12:04", "Band", "Song"),
            AccountData("2024-05-01 12:01", "Band", "Song"),
        }));

        Assert.Equal(2, first.Counts.Imported);
        // 12:00:45 falls in [12:00, 12:01) and 12:04:10 in [12:04, 12:05); nothing stored ends in 12:01.
        Assert.Equal((1L, 2L), (second.Counts.Imported, second.Counts.Duplicate));
    }

    [StoreFact]
    public async Task ExtendedPlaysWithin30Seconds_AreOnePlay_ButNotBeyond()
    {
        await ImportAsync(Write(_dir, "endsong_a.json", new object[] { Extended("2024-06-01T10:00:00Z", "Song", "Band") }));

        var near = await ImportAsync(Write(_dir, "endsong_b.json", new object[] { Extended("2024-06-01T10:00:30Z", "Song", "Band") }));
        var far = await ImportAsync(Write(_dir, "endsong_c.json", new object[] { Extended("2024-06-01T09:59:29Z", "Song", "Band") }));

        Assert.Equal((0L, 1L), (near.Counts.Imported, near.Counts.Duplicate));
        Assert.Equal((1L, 0L), (far.Counts.Imported, far.Counts.Duplicate));
    }

    [StoreFact]
    public async Task ATombstonedPlay_IsNotBroughtBack()
    {
        var path = Write(_dir, "endsong_t.json", new object[] { Extended("2024-06-01T10:00:00Z", "Song", "Band"), Extended("2024-06-01T11:00:00Z", "Other", "Band") });
        await ImportAsync(path);
        await Store.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO play_tombstones (listener_id, ingest_key, deleted_at) SELECT listener_id, ingest_key, 0 FROM plays WHERE title = 'Song';
            DELETE FROM plays WHERE title = 'Song';
            """, transaction: tx), CancellationToken.None);

        var again = await ImportAsync(path);

        Assert.Equal((0L, 2L), (again.Counts.Imported, again.Counts.Duplicate));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM plays WHERE title = 'Song'"));
    }

    [StoreFact]
    public async Task ADeletedPlay_IsNotBroughtBackByAnotherSource_ButOtherPlaysOfTheSongAre()
    {
        await ImportAsync(Write(_dir, "endsong_d.json", new object[] { Extended("2024-06-01T10:00:42Z", "Song", "Band") }));
        var from = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        Assert.Equal(1, await Store.DeletePlaysAsync(await ListenerAsync(), from, from + 86_400_000, CancellationToken.None));

        // The same play from account data (known to the minute, another ingest key), and the song played again an hour later.
        var account = await ImportAsync(Write(_dir, "StreamingHistory_music_0.json", new object[]
        {
            AccountData("2024-06-01 10:00", "Band", "Song"), AccountData("2024-06-01 11:00", "Band", "Song"),
        }));

        Assert.Equal((1L, 1L), (account.Counts.Imported, account.Counts.Duplicate));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM plays WHERE title = 'Song' AND source = 'account_data'"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM play_tombstones WHERE name_key IS NOT NULL AND precision_ms = 1000"));
    }

    [StoreFact]
    public async Task AZip_ImportsItsHistoryFiles_AndSkipsTheRest()
    {
        var extended = JsonSerializer.Serialize(new object[] { Extended("2024-07-01T10:00:00Z", "Song", "Band"), Extended("2024-07-01T10:00:01Z", "Tiny", "Band", msPlayed: 5) });
        var account = JsonSerializer.Serialize(new object[] { AccountData("2024-07-02 10:00", "Band", "Other") });
        var zip = Zip(_dir, "my_spotify_data.zip",
            ("Spotify Extended Streaming History/Streaming_History_Audio_2024.json", extended),
            ("Spotify Extended Streaming History/Streaming_History_Video_2024.json", "not json at all"),
            ("Spotify Account Data/StreamingHistory_music_0.json", account),
            ("Spotify Account Data/Userdata.json", """{"username": "x"}"""));

        var result = await ImportAsync(zip);
        var empty = await ImportAsync(Zip(_dir, "nothing.zip", ("Spotify Account Data/Userdata.json", "{}")));

        Assert.Null(result.Error);
        Assert.Equal((2L, 0L, 1L, 0L, 0L, 0L), Tuple(result.Counts));
        Assert.Contains("no streaming history", empty.Error, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task AZipThatExpandsBeyondTheLimit_StoresNothing()
    {
        var rows = JsonSerializer.Serialize(Enumerable.Range(0, 200).Select(i => Extended($"2024-08-01T10:{i / 60:D2}:{i % 60:D2}Z", $"Song {i}", "Band")));
        var zip = Zip(_dir, "bomb.zip", ("Streaming_History_Audio_0.json", rows), ("Streaming_History_Audio_1.json", rows));

        var result = await ImportAsync(zip, new ListenImporter(Store) { MaxExpandedBytes = rows.Length + 100 });

        Assert.Contains("expands to more than", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM plays"));
    }

    [StoreFact]
    public async Task Listeners_AreCreatedAndListedPerAccount()
    {
        var other = (await Store.CreateAccountAsync("other", CancellationToken.None))!.Id;
        var alice = await Store.CreateListenerAsync(1, "Alice", CancellationToken.None);
        var bob = await Store.CreateListenerAsync(other, "Bob", CancellationToken.None);

        var all = await Store.ListListenersAsync(null, CancellationToken.None);
        var mine = await Store.ListListenersAsync(other, CancellationToken.None);

        Assert.Equal([(alice, "default", "Alice", "active"), (bob, "other", "Bob", "active")], all.Select(l => (l.Id, l.AccountName, l.DisplayName, l.Status)));
        Assert.Equal([bob], mine.Select(l => l.Id));
        Assert.Null(await Store.GetListenerAsync(bob + 100, CancellationToken.None));
    }
}

public sealed class SqliteListenImportTests : ListenImportCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresListenImportTests : ListenImportCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => PostgresDb.CreateAsync();
}
