using Microsoft.Extensions.Time.Testing;
using Refrain.Storage;

namespace Refrain.Tests.Storage;

/// <summary>
/// The base of every suite that runs on both databases: each test gets a fresh database and a fake clock; subclasses only
/// say how to make the database.
/// </summary>
public abstract class StoreTestBase : IAsyncLifetime
{
    private readonly List<RefrainStore> _stores = [];

    /// <summary>2026-11-22T12:00:00Z, a Sunday.</summary>
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    protected string ConnectionString { get; private set; } = "";

    protected RefrainStore Store { get; private set; } = null!;

    protected abstract Task<string> CreateDatabaseAsync();

    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync();
        Store = await OpenStoreAsync();
    }

    /// <summary>Another store instance on the same database (a second node, or the same node after a restart).</summary>
    protected async Task<RefrainStore> OpenStoreAsync(TimeProvider? time = null)
    {
        var store = StoreFactory.Create(ConnectionString, time ?? Time);
        await store.MigrateAsync(CancellationToken.None);
        _stores.Add(store);
        return store;
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        await DropDatabaseAsync();
    }
}
