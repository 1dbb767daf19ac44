namespace Refrain.Measurements;

/// <summary>What a measurement job covers: a catalog, Refrain album ids, or ISRCs of the caller's songs. Exactly one.</summary>
public sealed record MeasurementJobScope(long? CatalogId = null, IReadOnlyList<long>? AlbumIds = null, IReadOnlyList<string>? Isrcs = null);
