using System.Runtime.CompilerServices;
using Dapper;
using Refrain.Listening;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Storage;

namespace Refrain.Tests.Listening;

/// <summary>
/// Every play write (import or sync) locks its listener first. Plays never outlive their listener: on PostgreSQL they
/// have no foreign key (migration 0011), so a delete waits for the write and then purges what it stored. And two writes
/// of one listener run one after the other, so the second merges with what the first stored. (An import for a deleted
/// listener: <see cref="ListenImportCompliance"/>.)
/// </summary>
public abstract class PlayWriteLockCompliance : StoreTestBase
{
    protected Task<long> PlaysOfAsync(long listenerId) => Store.ReadAsync(
        c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM plays WHERE listener_id = @listenerId", new { listenerId }), CancellationToken.None);

    [StoreFact]
    public async Task SyncForADeletedListener_Throws_AndStoresNothing()
    {
        var listener = await Store.CreateListenerAsync(1, "Alice", CancellationToken.None);
        Assert.True(await Store.DeleteListenerAsync(listener, null, CancellationToken.None));

        var ex = await Assert.ThrowsAsync<ListenerGoneException>(() =>
            Store.StoreSyncAsync(listener, [Play(0)], cursor: 1, possibleGap: false, CancellationToken.None));

        Assert.Equal(listener, ex.ListenerId);
        Assert.Equal(0, await PlaysOfAsync(listener));
    }

    internal static PlayRow Play(int i)
    {
        var at = 1_706_774_400_000L + i * 200_000L;
        return new PlayRow($"{at / 1000}:gone{i:D16}", "Artist", $"Song {i}", null, "artist", $"song {i}", 1000 + i, at, 200_000, "extended", 1000, null);
    }
}

public sealed class SqlitePlayWriteLockTests : PlayWriteLockCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresPlayWriteLockTests : PlayWriteLockCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => PostgresDb.CreateAsync();

    [StoreFact]
    public async Task DeleteDuringAnImport_WaitsForIt_ThenPurgesEveryPlayItStored()
    {
        var listener = await Store.CreateListenerAsync(1, "Alice", CancellationToken.None);
        var (import, release) = await StartHeldImportAsync(listener);

        var delete = Store.DeleteListenerAsync(listener, null, CancellationToken.None);
        await WaitForLockWaiterAsync("DELETE FROM listeners", "the delete waiting on the import's lock on the listener");
        Assert.False(delete.IsCompleted);

        release.SetResult();
        Assert.Equal(4, await import);
        Assert.True(await delete);
        Assert.Equal(0, await PlaysOfAsync(listener));
    }

    [StoreFact]
    public async Task TwoWritesOfOneListener_RunOneAfterTheOther_SoTheSecondMergesWithTheFirst()
    {
        var listener = await Store.CreateListenerAsync(1, "Alice", CancellationToken.None);
        var (extended, release) = await StartHeldImportAsync(listener);

        // Play 1 again from account data: known to the minute, under another ingest key.
        var first = Play(1);
        var sameFromAccountData = first with { IngestKey = $"{first.PlayedAt / 1000}:minute", PlayedAt = first.PlayedAt - first.PlayedAt % 60_000, PrecisionMs = 60_000 };
        var accountData = Store.StorePlaysAsync(listener, One(sameFromAccountData), CancellationToken.None);
        await WaitForLockWaiterAsync("SELECT id FROM listeners", "the second write waiting for the first's lock on the listener");

        release.SetResult();
        Assert.Equal(4, await extended);
        Assert.Equal(0, await accountData);
        Assert.Equal(4, await PlaysOfAsync(listener));
    }

    /// <summary>An import of plays 0-3 that has locked the listener and stored its first batch, then waits for the release.</summary>
    private async Task<(Task<long> Import, TaskCompletionSource Release)> StartHeldImportAsync(long listener)
    {
        var firstBatchTaken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var import = Store.StorePlaysAsync(listener, BatchesAsync(firstBatchTaken, release.Task), CancellationToken.None);
        await firstBatchTaken.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return (import, release);
    }

    /// <summary>Waits until one backend of this database runs a statement starting with <paramref name="query"/> and waits for a lock.</summary>
    private Task WaitForLockWaiterAsync(string query, string what) =>
        Eventually.WaitAsync(async () => await Store.ReadAsync(c => c.ExecuteScalarAsync<long>("""
            SELECT COUNT(*) FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND starts_with(query, @query)
            """, new { query }), CancellationToken.None) == 1, what);

    private static async IAsyncEnumerable<IReadOnlyList<PlayRow>> One(PlayRow play)
    {
        await Task.Yield();
        yield return [play];
    }

    private static async IAsyncEnumerable<IReadOnlyList<PlayRow>> BatchesAsync(TaskCompletionSource taken, Task release,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        yield return [Play(0), Play(1)];
        taken.SetResult();
        await release.WaitAsync(cancellationToken);
        yield return [Play(2), Play(3)];
    }
}
