using System.Globalization;
using Refrain.Jobs;

namespace Refrain.Listening.Enrichment;

/// <summary>
/// <c>('spotify', 'sweep_enrich_listeners')</c>, run by the <c>listening-enrich</c> schedule: one set-based statement enqueues
/// an enrich_listener job, in the sweep's run, for every listener with plays never tried or unresolved and due again.
/// </summary>
public sealed class EnrichmentSweepHandler : IJobHandler
{
    public async Task<JobOutcome> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var n = await context.Store.EnqueueEnrichmentDueAsync(context.Job.RunId, cancellationToken);
        return JobOutcome.Success(string.Create(CultureInfo.InvariantCulture, $"enqueued {n} jobs"));
    }
}
