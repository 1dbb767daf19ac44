namespace Refrain.Catalog;

/// <summary>An uploaded catalog body, read whole: the valid rows, every invalid one's count and the first few errors.</summary>
internal sealed class CatalogUpload
{
    public List<CatalogRow> Rows { get; } = [];

    /// <summary>The first <see cref="CatalogImporter.MaxListedErrors"/> errors, in body order.</summary>
    public List<CatalogFileError> Errors { get; } = [];

    public int Invalid { get; private set; }

    /// <summary>Adds one batch read by <see cref="CatalogFileReader"/>, whose line <c>n</c> is line <c>n + offset</c> of the body.</summary>
    public void Add(List<CatalogRow> rows, List<CatalogFileError> errors, int offset)
    {
        Rows.AddRange(offset == 0 ? rows : rows.Select(r => r with { Line = r.Line + offset }));
        Invalid += errors.Count;
        Errors.AddRange(errors.Take(CatalogImporter.MaxListedErrors - Errors.Count).Select(e => e with { Line = e.Line + offset }));
    }
}
