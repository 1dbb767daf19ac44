namespace Refrain.Listening;

/// <summary>
/// The answer to a manual enrichment: the listener's enrich_listener job and the run it belongs to. When a job was already
/// queued, <see cref="AlreadyQueued"/> is true and <see cref="JobId"/> is that job (the new run is recorded as skipped).
/// </summary>
public sealed record EnrichResponse(long JobId, long RunId, bool AlreadyQueued);
