namespace Refrain.Measurements;

/// <summary>
/// A current measurement job accepted: <c>id</c> is its run (<c>GET /api/tasks/runs/{id}</c>), its state, the distinct
/// Spotify albums of the scope's linked tracks (one snapshot job each) and their cost at the snapshot service's price.
/// </summary>
public sealed record CurrentMeasurementResponse(long Id, string Source, string State, long AlbumCount, decimal EstimatedCostUsd);
