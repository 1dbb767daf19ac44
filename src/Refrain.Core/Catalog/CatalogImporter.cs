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

        var catalogId = await store.EnsureCatalogAsync(accountId, catalogName, cancellationToken);
        return await ImportValidAsync(catalogId, accountId, rows, errors.Count, errors.Take(MaxListedErrors).ToList(), cancellationToken);
    }

    /// <summary>
    /// Imports rows already read and validated (by a file or an upload): a row repeating a song already among them is a
    /// duplicate, the first one wins; <paramref name="invalid"/> rows were left out, <paramref name="errors"/> lists some.
    /// </summary>
    public async Task<ImportResult> ImportValidAsync(long catalogId, long accountId, IReadOnlyList<CatalogRow> rows, int invalid,
        IReadOnlyList<CatalogFileError> errors, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = rows.Where(r => seen.Add(r.SongKey)).ToList();
        var result = await store.ImportCatalogAsync(catalogId, accountId, unique, cancellationToken);
        return result with { Rows = rows.Count + invalid, Duplicates = rows.Count - unique.Count, Invalid = invalid, Errors = errors };
    }
}
