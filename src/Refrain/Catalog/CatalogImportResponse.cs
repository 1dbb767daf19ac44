namespace Refrain.Catalog;

/// <summary>
/// What an upload did, the fields of <c>refrain catalog import --json</c>: rows read, duplicates within the body, invalid rows
/// (listed up to 20, skipped with <c>skip_invalid</c>), songs inserted, updated and unchanged, links written, reviewer
/// decisions kept, and refresh jobs enqueued.
/// </summary>
public sealed record CatalogImportResponse(
    bool Imported, long CatalogId, int Rows, int Invalid, int Duplicates, int SongsInserted, int SongsUpdated, int SongsUnchanged,
    int LinksWritten, int LinksKeptForReviewer, int RefreshJobs, IReadOnlyList<CatalogImportError> Errors)
{
    public static CatalogImportResponse From(ImportResult r) => new(
        r.Imported, r.CatalogId, r.Rows, r.Invalid, r.Duplicates, r.SongsInserted, r.SongsUpdated, r.SongsUnchanged, r.LinksWritten,
        r.LinksKeptForReviewer, r.RefreshJobs, r.Errors.Select(CatalogImportError.From).ToList());
}
