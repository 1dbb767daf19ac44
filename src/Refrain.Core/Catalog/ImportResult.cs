namespace Refrain.Catalog;

/// <summary>What an import did. Nothing is written when <see cref="Errors"/> stopped it.</summary>
public sealed record ImportResult
{
    public long CatalogId { get; init; }
    public int Rows { get; init; }
    public int Duplicates { get; init; }
    public int Invalid { get; init; }
    public int SongsInserted { get; init; }
    public int SongsUpdated { get; init; }
    public int SongsUnchanged { get; init; }
    public int LinksWritten { get; init; }
    public int LinksKeptForReviewer { get; init; }
    public int RefreshJobs { get; init; }
    public IReadOnlyList<CatalogFileError> Errors { get; init; } = [];
    public bool Imported { get; init; }
}
