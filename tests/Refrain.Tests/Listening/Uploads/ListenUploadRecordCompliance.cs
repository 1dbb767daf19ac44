using Dapper;
using Refrain.Listening;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Storage;
using static Refrain.Tests.Listening.HistoryFiles;

namespace Refrain.Tests.Listening.Uploads;

/// <summary>
/// The import path the CLI uses records one upload per file on both databases: succeeded with its counts, or failed with
/// the error and nothing stored.
/// </summary>
public abstract class ListenUploadRecordCompliance : StoreTestBase, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("refrain-upload-record-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    [StoreFact]
    public async Task ImportRecorded_RecordsEachFileWithItsCountsOrItsError()
    {
        var listener = await Store.CreateListenerAsync(1, "Alice", CancellationToken.None);
        var good = Write(_dir, "StreamingHistory0.json", new object[]
        {
            AccountData("2024-03-01 10:00", "Dolly Parton", "Jolene"),
            AccountData("2024-03-01 10:05", "Dolly Parton", "9 to 5", msPlayed: 500),
        });
        var bad = WriteText(_dir, "Streaming_History_Audio_2024.json", "[{\"ts\": ");
        var importer = new ListenImporter(Store);

        var (goodId, goodResult) = await importer.ImportRecordedAsync(listener, good, null, CancellationToken.None);
        var (badId, badResult) = await importer.ImportRecordedAsync(listener, bad, "renamed.json", CancellationToken.None);

        var ok = (await Store.GetListenUploadAsync(goodId, CancellationToken.None))!;
        Assert.Equal(("StreamingHistory0.json", "succeeded", 1L, 1L, new FileInfo(good).Length), (ok.FileName, ok.Status, ok.Counts.Imported, ok.Counts.Short, ok.Bytes));
        Assert.NotNull(ok.FinishedAt);
        var failed = (await Store.GetListenUploadAsync(badId, CancellationToken.None))!;
        Assert.Equal(("renamed.json", "failed", 0L), (failed.FileName, failed.Status, failed.Counts.Imported));
        Assert.Equal(badResult.Error, failed.Error);
        Assert.Null(goodResult.Error);
        Assert.Equal([goodId, badId], (await Store.ListListenUploadsAsync(listener, null, 10, CancellationToken.None)).Select(u => u.Id));
        Assert.Equal([badId], (await Store.ListListenUploadsAsync(listener, goodId, 10, CancellationToken.None)).Select(u => u.Id));
        Assert.Equal(1, await Store.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM plays"), CancellationToken.None));
    }
}

public sealed class SqliteListenUploadRecordTests : ListenUploadRecordCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresListenUploadRecordTests : ListenUploadRecordCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => PostgresDb.CreateAsync();
}
