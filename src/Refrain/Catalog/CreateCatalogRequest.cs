namespace Refrain.Catalog;

/// <summary>Body of <c>POST /api/catalogs</c>: the new catalog's name, unique within the caller's account (1–200 characters).</summary>
public sealed record CreateCatalogRequest(string Name);
