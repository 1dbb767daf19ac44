using Refrain.Jobs;

namespace Refrain.Measurements.Jobs;

/// <summary>
/// <c>('snapshot', 'catalog_snapshot')</c> with args <c>{"catalog_id": N}</c>: a scheduled <c>current</c> measurement of a
/// catalog. Fans out one album job per distinct Spotify album of its linked tracks into this job's run, set-based.
/// </summary>
public sealed class CatalogSnapshotHandler : IJobHandler
{
    public const string Source = "snapshot";
    public const string JobType = "catalog_snapshot";

    public async Task<JobOutcome> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        if (JobArgs.CatalogId(context.Job.Args) is not { } catalogId)
        {
            return new JobOutcome.Permanent("args must carry catalog_id");
        }

        if (context.Job.AccountId is not { } accountId || context.Job.RunId is not { } runId)
        {
            return new JobOutcome.Permanent("a catalog snapshot belongs to an account's run");
        }

        if (await context.Store.GetCatalogAsync(catalogId, accountId, cancellationToken) is null)
        {
            return new JobOutcome.NoData($"catalog {catalogId} no longer exists in this account");
        }

        var n = await context.Store.EnqueueCatalogSnapshotAsync(runId, accountId, catalogId, cancellationToken);
        return JobOutcome.Success($"enqueued {n} album jobs");
    }
}
