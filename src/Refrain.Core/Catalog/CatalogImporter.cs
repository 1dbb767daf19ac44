using Refrain.Storage;

namespace Refrain.Catalog;

/// <summary>
/// Imports a catalog file: by default an invalid row means nothing is imported and up to 20 errors are listed; with
/// skip-invalid the valid rows go in and the rest are listed. Rows repeating a song already in the file are duplicates.
/// </summary>
public sealed class CatalogImporter(RefrainStore store)
{
    public const int MaxListedErrors = 20;

    public async Task<ImportResult> ImportAsync(TextReader reader, bool jsonLines, long accountId, string catalogName, bool skipInvalid, CancellationToken cancellationToken)
    {
        var (rows, errors) = CatalogFileReader.Read(reader, jsonLines);
        if (errors.Count > 0 && !skipInvalid)
        {
            return new ImportResult { Rows = rows.Count + errors.Count, Invalid = errors.Count, Errors = errors.Take(MaxListedErrors).ToList() };
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = rows.Where(r => seen.Add(r.SongKey)).ToList();
        var catalogId = await store.EnsureCatalogAsync(accountId, catalogName, cancellationToken);
        var result = await store.ImportCatalogAsync(catalogId, accountId, unique, cancellationToken);
        return result with
        {
            Rows = rows.Count + errors.Count, Duplicates = rows.Count - unique.Count, Invalid = errors.Count,
            Errors = errors.Take(MaxListedErrors).ToList(),
        };
    }
}
