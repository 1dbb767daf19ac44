using Dapper;
using Refrain.Runs;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>
    /// The newest <paramref name="perSchedule"/> runs of every schedule, newest first, in one query (a schedule list shows
    /// each schedule's recent runs without a round trip per schedule). One account's when <paramref name="allAccounts"/>
    /// is false; a run belongs to the schedule with its account and <c>schedule_name</c>.
    /// </summary>
    public async Task<IReadOnlyList<RunRecord>> RecentRunsOfSchedulesAsync(long? accountId, bool allAccounts, int perSchedule, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT {CommonSql.RunColumns} FROM (
                SELECT {CommonSql.RunColumns},
                       ROW_NUMBER() OVER (PARTITION BY COALESCE(account_id, 0), schedule_name ORDER BY id DESC) AS recent
                FROM runs
                WHERE schedule_name IS NOT NULL{(allAccounts ? "" : " AND account_id = @accountId")}
            ) ranked
            WHERE recent <= @perSchedule
            ORDER BY id DESC
            """;
        return (await ReadAsync(c => c.QueryAsync<RunRecord>(Command(sql, new { accountId, perSchedule }, null, cancellationToken)), cancellationToken)).ToList();
    }
}
