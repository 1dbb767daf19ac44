namespace Refrain.Catalog;

/// <summary>
/// An upload whose body cannot be read as a catalog at all (not a JSON array, an unknown member or column, an empty CSV):
/// refused whole, whatever <c>skip_invalid</c> says, naming <see cref="Field"/>.
/// </summary>
internal sealed class CatalogUploadException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
