using Refrain.Storage;

namespace Refrain.Catalog;

/// <summary>A catalog on the wire: its owner, name, creation time and how many songs it holds.</summary>
public sealed record CatalogResponse(long Id, long AccountId, string Name, long Songs, DateTimeOffset CreatedAt)
{
    public static CatalogResponse From(RefrainStore.CatalogInfo c) =>
        new(c.Id, c.AccountId, c.Name, c.Songs, DateTimeOffset.FromUnixTimeMilliseconds(c.CreatedAt));
}
