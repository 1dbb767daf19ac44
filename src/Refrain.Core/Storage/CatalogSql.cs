namespace Refrain.Storage;

/// <summary>The catalog statements whose text differs between dialects (rows arrive as one JSON array <c>@rows</c>).</summary>
internal sealed record CatalogSql
{
    /// <summary>Inserts albums of <c>@rows</c> (members <c>ak</c>, <c>al</c>) not yet in catalog <c>@catalog</c>.</summary>
    public required string InsertAlbums { get; init; }

    /// <summary>Upserts songs keyed by (catalog, song_key), changing a row only when a value differs; returns <c>id, created_at</c> of rows written.</summary>
    public required string UpsertSongs { get; init; }

    /// <summary>How many rows of <c>@rows</c> name another track than a reviewer's decision (kept for the reviewer).</summary>
    public required string CountKeptForReviewer { get; init; }

    /// <summary>Upserts import links (members <c>k</c>, <c>tid</c>), never touching a reviewer's decision.</summary>
    public required string UpsertLinks { get; init; }

    /// <summary>
    /// Records in the link history every link of <c>@rows</c> the import is about to change (not a reviewer's, another
    /// track); run before <see cref="UpsertLinks"/>, which makes the change.
    /// </summary>
    public required string InsertImportHistory { get; init; }

    /// <summary>Benchmarks only: <c>@count</c> synthetic songs in catalog <c>@catalog</c>, numbered from 1 (<c>n</c>).</summary>
    public required string SeedSongs { get; init; }

    /// <summary>Benchmarks only: a link per song of <c>@catalog</c>, every <c>@every</c>-th 90 s off, the rest within 7 s.</summary>
    public required string SeedLinks { get; init; }

    /// <summary>Finds the songs the duration sweep would pick and enqueues one re-match job each in run <c>@run</c>.</summary>
    public required string EnqueueMismatches { get; init; }
}
