using Dapper;
using Refrain.Runs;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>
    /// Runs newest first for the dashboard (every account), filtered by kind, state and schedule name, keyset-paged by id
    /// (ids below <paramref name="afterId"/>). The primary key gives the order, so a page reads about <paramref name="limit"/> rows
    /// when the filters are common and never counts the table.
    /// </summary>
    public async Task<IReadOnlyList<RunRecord>> ListRunsForAdminAsync(
        string? kind, string? state, string? schedule, long? afterId, int limit, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {CommonSql.RunColumns} FROM runs WHERE 1 = 1"
            + (kind is null ? "" : " AND kind = @kind")
            + (state is null ? "" : " AND state = @state")
            + (schedule is null ? "" : " AND schedule_name = @schedule")
            + (afterId is null ? "" : " AND id < @afterId")
            + " ORDER BY id DESC LIMIT @limit";
        var args = new { kind, state, schedule, afterId, limit = Math.Clamp(limit, 1, 1000) };
        return (await ReadAsync(c => c.QueryAsync<RunRecord>(Command(sql, args, null, cancellationToken)), cancellationToken)).ToList();
    }
}
