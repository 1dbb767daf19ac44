namespace Refrain.Catalog;

/// <summary>An invalid row of an upload: its line (CSV: the body's line, header = 1; JSON: the song's position in the array, from 1).</summary>
public sealed record CatalogImportError(int Line, string Message)
{
    public static CatalogImportError From(CatalogFileError e) => new(e.Line, e.Message);
}
