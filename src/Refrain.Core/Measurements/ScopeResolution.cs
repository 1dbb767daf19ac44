namespace Refrain.Measurements;

/// <summary>
/// What starting a measurement run did: the run (null when the scope held nothing to measure, and then nothing was
/// written), what the scope resolved to, how many jobs were enqueued, and how many named ids were not the account's.
/// </summary>
public sealed record ScopeResolution(long? RunId, long Resolved, long Enqueued, long Unknown)
{
    /// <summary>Resolved items not enqueued (already backfilled, known to have no history, or queued by an earlier job) plus unknown ids.</summary>
    public long Skipped => Resolved - Enqueued + Unknown;
}
