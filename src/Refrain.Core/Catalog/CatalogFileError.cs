namespace Refrain.Catalog;

/// <summary>Why a line of a catalog file is invalid.</summary>
public sealed record CatalogFileError(int Line, string Message)
{
    public override string ToString() => $"line {Line}: {Message}";
}
