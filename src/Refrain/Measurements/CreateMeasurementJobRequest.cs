namespace Refrain.Measurements;

/// <summary>
/// Body of <c>POST /api/research/measurement-jobs</c>: exactly one scope key, the source (<c>current</c>: today's play counts
/// from the snapshot service; <c>historical</c>: stream history from Songstats, paid and capped) and the platforms
/// (default <c>["spotify"]</c>, the only one measured so far).
/// </summary>
public sealed record CreateMeasurementJobRequest(MeasurementJobScope? Scope = null, string? Source = null, IReadOnlyList<string>? Platforms = null);
