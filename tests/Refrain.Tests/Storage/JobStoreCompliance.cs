using Refrain.Jobs;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Storage;

/// <summary>
/// The behaviour every job store must have (DESIGN §4), written once and run on SQLite and PostgreSQL by the thin
/// subclasses at the end of this file.
/// </summary>
public abstract partial class JobStoreCompliance : StoreTestBase
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private static NewJob Job(string subject, int priority = 0, string? provider = null) =>
        new("test", "work", subject) { Priority = priority, Provider = provider };

    private Task<IReadOnlyList<JobRecord>> ClaimAsync(int count = 10, Refrain.Storage.RefrainStore? store = null) =>
        (store ?? Store).ClaimAsync(new ClaimRequest("worker-a", count, Lease, null, []), CancellationToken.None);

    private async Task<JobRecord> ClaimOneAsync()
    {
        var claimed = await ClaimAsync(1);
        return Assert.Single(claimed);
    }

    private Task<CompletionResult> FinishAsync(JobRecord job, JobOutcome outcome) =>
        Store.CompleteAsync([Outcomes.ToCompletion(job, outcome, Time.GetUtcNow(), jitter: 0.5)], CancellationToken.None);

    private async Task<JobRecord> ReloadAsync(long id) => (await Store.GetJobAsync(id, CancellationToken.None))!;
}

public sealed class SqliteJobStoreTests : JobStoreCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresJobStoreTests : JobStoreCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => PostgresDb.CreateAsync();
}
