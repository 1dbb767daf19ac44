using Refrain.Jobs;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>
    /// The dashboard's "retry all matching": puts the dead and failed jobs matching the filter back on the queue now, with
    /// fresh attempts, and reopens their runs. Pending and cancelled jobs are left as they are (a person asking to retry
    /// what went wrong does not mean to resurrect what someone cancelled). Returns how many moved.
    /// </summary>
    public Task<int> RetryFailuresAsync(JobFilter filter, CancellationToken cancellationToken) =>
        BulkAsync(filter, [JobState.Dead, JobState.Failed], retry: true, cancellationToken);
}
