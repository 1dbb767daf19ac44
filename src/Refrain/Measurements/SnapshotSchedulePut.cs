namespace Refrain.Measurements;

/// <summary>
/// Body of <c>PUT /api/catalogs/{id}/snapshot-schedule</c>: when to take the catalog's <c>current</c> measurement, as a cron
/// expression (e.g. <c>0 5 1 * *</c>, monthly) in an IANA time zone (default UTC).
/// </summary>
public sealed record SnapshotSchedulePut(string? Cron = null, string? TimeZone = null);
