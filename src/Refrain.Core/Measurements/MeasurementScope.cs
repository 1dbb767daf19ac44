namespace Refrain.Measurements;

/// <summary>
/// What a measurement job covers: exactly one of a catalog, some albums (Refrain album ids) or some ISRCs, all of one
/// account. A recording is the song's ISRC, or <c>spotify:&lt;track id&gt;</c> for a linked song without one.
/// </summary>
public sealed record MeasurementScope
{
    private MeasurementScope(long? catalogId, IReadOnlyList<long> albumIds, IReadOnlyList<string> isrcs)
    {
        CatalogId = catalogId;
        AlbumIds = albumIds;
        Isrcs = isrcs;
    }

    public long? CatalogId { get; }

    public IReadOnlyList<long> AlbumIds { get; }

    /// <summary>Upper case, trimmed, each once.</summary>
    public IReadOnlyList<string> Isrcs { get; }

    /// <summary>How many ids the caller named (a catalog counts as none: it is checked before, and its absence is a 404).</summary>
    public int NamedIds => AlbumIds.Count + Isrcs.Count;

    public static MeasurementScope Catalog(long catalogId) => new(catalogId, [], []);

    public static MeasurementScope Albums(IEnumerable<long> albumIds) => new(null, albumIds.Distinct().ToList(), []);

    public static MeasurementScope OfIsrcs(IEnumerable<string> isrcs) =>
        new(null, [], isrcs.Select(i => i.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList());
}
