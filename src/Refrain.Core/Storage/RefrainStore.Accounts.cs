using Dapper;
using Refrain.Accounts;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    private const string KeyColumns =
        "k.id AS Id, k.account_id AS AccountId, a.name AS AccountName, k.name AS Name, k.admin AS Admin, k.secret_hash AS SecretHash, " +
        "k.created_at AS CreatedAt, k.last_used_at AS LastUsedAt, k.revoked_at AS RevokedAt";

    /// <summary>Creates an account; null when the name is taken.</summary>
    public Task<AccountRecord?> CreateAccountAsync(string name, CancellationToken cancellationToken) =>
        WriteAsync(async (c, tx) =>
        {
            var taken = await c.ExecuteScalarAsync<long?>(Command("SELECT id FROM accounts WHERE name = @name", new { name }, tx, cancellationToken));
            if (taken is not null)
            {
                return null;
            }

            var now = NowMs;
            var id = await c.ExecuteScalarAsync<long>(Command("INSERT INTO accounts (name, created_at) VALUES (@name, @now) RETURNING id", new { name, now }, tx, cancellationToken));
            return new AccountRecord(id, name, FromMs(now));
        }, cancellationToken);

    public async Task<IReadOnlyList<AccountRecord>> ListAccountsAsync(CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(c => c.QueryAsync<(long Id, string Name, long CreatedAt)>(Command(
            "SELECT id, name, created_at FROM accounts ORDER BY id", null, null, cancellationToken)), cancellationToken);
        return rows.Select(r => new AccountRecord(r.Id, r.Name, FromMs(r.CreatedAt))).ToList();
    }

    /// <summary>Stores a key's hash and returns its id (the key is <c>rfn_&lt;id&gt;_&lt;secret&gt;</c>).</summary>
    public Task<long> CreateApiKeyAsync(long accountId, string? name, bool admin, byte[] secretHash, CancellationToken cancellationToken) =>
        WriteAsync((c, tx) => c.ExecuteScalarAsync<long>(Command(
            "INSERT INTO api_keys (account_id, name, admin, secret_hash, created_at) VALUES (@accountId, @name, @admin, @secretHash, @now) RETURNING id",
            new { accountId, name, admin = admin ? 1 : 0, secretHash, now = NowMs }, tx, cancellationToken)), cancellationToken);

    public async Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(c => c.QueryAsync<KeyRow>(Command(
            $"SELECT {KeyColumns} FROM api_keys k JOIN accounts a ON a.id = k.account_id ORDER BY k.id", null, null, cancellationToken)), cancellationToken);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>The key with this id, revoked or not; null when none.</summary>
    public async Task<ApiKeyRecord?> GetApiKeyAsync(long id, CancellationToken cancellationToken)
    {
        var row = await ReadAsync(c => c.QuerySingleOrDefaultAsync<KeyRow>(Command(
            $"SELECT {KeyColumns} FROM api_keys k JOIN accounts a ON a.id = k.account_id WHERE k.id = @id", new { id }, null, cancellationToken)), cancellationToken);
        return row?.ToRecord();
    }

    /// <summary>Revokes a key; false when it does not exist or was already revoked.</summary>
    public Task<bool> RevokeApiKeyAsync(long id, CancellationToken cancellationToken) =>
        WriteAsync(async (c, tx) => await c.ExecuteAsync(Command(
            "UPDATE api_keys SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL", new { id, now = NowMs }, tx, cancellationToken)) == 1, cancellationToken);

    /// <summary>Records a key's use; callers throttle this so a busy key does not write on every request.</summary>
    public Task TouchApiKeyAsync(long id, CancellationToken cancellationToken) =>
        WriteAsync((c, tx) => c.ExecuteAsync(Command(
            "UPDATE api_keys SET last_used_at = @now WHERE id = @id", new { id, now = NowMs }, tx, cancellationToken)), cancellationToken);

    private sealed record KeyRow
    {
        public long Id { get; init; }
        public long AccountId { get; init; }
        public string AccountName { get; init; } = "";
        public string? Name { get; init; }
        public long Admin { get; init; }
        public byte[] SecretHash { get; init; } = [];
        public long CreatedAt { get; init; }
        public long? LastUsedAt { get; init; }
        public long? RevokedAt { get; init; }

        public ApiKeyRecord ToRecord() => new()
        {
            Id = Id, AccountId = AccountId, AccountName = AccountName, Name = Name, Admin = Admin != 0, SecretHash = SecretHash,
            CreatedAt = FromMs(CreatedAt), LastUsedAt = FromMs(LastUsedAt), RevokedAt = FromMs(RevokedAt),
        };
    }
}
