using Dapper;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Storage;

namespace Refrain.Tests.Demo;

/// <summary>
/// <c>refrain demo --database</c> on each database: the demo seeds and runs there, and since it never wipes a database it
/// was given, a second start on it refuses (the account <c>demo</c> exists) and leaves the data as it was.
/// </summary>
public abstract class DemoDatabaseCompliance : StoreTestBase
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private readonly string _directory = Directory.CreateTempSubdirectory("refrain-demo-db-").FullName;

    [StoreFact]
    public async Task Demo_OnAGivenDatabase_RunsThere_AndASecondStartRefusesWithoutWipingIt()
    {
        await using (var demo = DemoProcess.Start(_directory, "--port", "0", "--database", ConnectionString))
        {
            var line = await demo.LineAsync(l => l.Contains("re-match run", StringComparison.Ordinal), "re-match run", Bound);
            Assert.Matches(@"succeeded: relinked [1-9]\d*, for review [1-9]", line);
            Assert.Contains("the database given with --database (not wiped)", demo.Output, StringComparison.Ordinal);
            await demo.KillAsync();
        }

        var listeners = await ListenersOfDemoAsync();
        Assert.Equal(3, listeners);

        await using (var again = DemoProcess.Start(_directory, "--port", "0", "--database", ConnectionString))
        {
            Assert.Equal(1, await again.ExitCodeAsync(Bound));
            Assert.Contains("error: the database already has an account 'demo'", again.Output, StringComparison.Ordinal);
        }

        Assert.Equal(listeners, await ListenersOfDemoAsync());
        Assert.False(File.Exists(Path.Combine(_directory, "refrain-demo.db")), "the demo made its default file although a database was given");
        Directory.Delete(_directory, recursive: true);
    }

    private Task<long> ListenersOfDemoAsync() => Store.ReadAsync(c => c.ExecuteScalarAsync<long>(
        "SELECT COUNT(*) FROM listeners l JOIN accounts a ON a.id = l.account_id WHERE a.name = 'demo'"), CancellationToken.None);
}

public sealed class SqliteDemoDatabaseTests : DemoDatabaseCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresDemoDatabaseTests : DemoDatabaseCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => PostgresDb.CreateAsync();
}
