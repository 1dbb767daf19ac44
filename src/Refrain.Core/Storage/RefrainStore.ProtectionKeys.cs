using Dapper;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>Every stored key of the Data Protection key ring (each one's XML, already encrypted), oldest first.</summary>
    public async Task<IReadOnlyList<string>> GetProtectionKeysAsync(CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(c => c.QueryAsync<string>(Command(
            "SELECT xml FROM protection_keys ORDER BY created_at, name", null, null, cancellationToken)), cancellationToken);
        return rows.ToList();
    }

    /// <summary>
    /// Stores one key of the key ring; a name already stored is left as it is (a key never changes once written, and two
    /// nodes may race to write the same one). True when this call stored it.
    /// </summary>
    public Task<bool> AddProtectionKeyAsync(string name, string xml, CancellationToken cancellationToken) =>
        WriteAsync(async (c, tx) => await c.ExecuteAsync(Command(
            "INSERT INTO protection_keys (name, xml, created_at) VALUES (@name, @xml, @now) ON CONFLICT (name) DO NOTHING",
            new { name, xml, now = NowMs }, tx, cancellationToken)) == 1, cancellationToken);
}
