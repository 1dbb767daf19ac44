namespace Refrain.Measurements;

/// <summary>
/// A historical measurement job accepted: <c>id</c> is its run (<c>GET /api/tasks/runs/{id}</c>); <c>enqueued</c> backfill
/// jobs, one per ISRC not yet fetched; <c>skipped</c> ISRCs already backfilled, known to have no history or already queued,
/// plus ids that are not the account's; the estimate is the enqueued calls at Songstats' configured price.
/// </summary>
public sealed record HistoricalMeasurementResponse(long Id, string Source, long Enqueued, long Skipped, decimal EstimatedCostUsd);
