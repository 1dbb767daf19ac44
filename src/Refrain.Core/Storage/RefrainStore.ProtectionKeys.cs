using System.Data.Common;
using Dapper;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    // Synchronous on purpose: Data Protection's IXmlRepository is a synchronous contract (as its EF Core repository is), read
    // once per key-ring refresh and written once per new key. A connection of its own, not the SQLite writer, keeps it from
    // waiting behind queued async writes; SQLite's busy timeout covers the rare overlap.

    /// <summary>Every stored key of the Data Protection key ring (each one's XML, already encrypted), oldest first.</summary>
    public IReadOnlyList<string> GetProtectionKeys()
    {
        using var connection = OpenConnection();
        return connection.Query<string>("SELECT xml FROM protection_keys ORDER BY created_at, name").ToList();
    }

    /// <summary>The same keys, for asynchronous callers (the start-up check that the configured key opens them).</summary>
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
    public bool AddProtectionKey(string name, string xml)
    {
        using var connection = OpenConnection();
        return connection.Execute(
            "INSERT INTO protection_keys (name, xml, created_at) VALUES (@name, @xml, @now) ON CONFLICT (name) DO NOTHING",
            new { name, xml, now = NowMs }) == 1;
    }

    /// <summary>An open connection outside the async paths (only for synchronous contracts such as the key ring).</summary>
    private protected abstract DbConnection OpenConnection();
}
