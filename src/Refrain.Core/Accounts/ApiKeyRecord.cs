namespace Refrain.Accounts;

/// <summary>A stored API key: never the key itself, only the hash of its secret.</summary>
public sealed record ApiKeyRecord
{
    public long Id { get; init; }
    public long AccountId { get; init; }
    public string AccountName { get; init; } = "";
    public string? Name { get; init; }
    public bool Admin { get; init; }
    public byte[] SecretHash { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
}
