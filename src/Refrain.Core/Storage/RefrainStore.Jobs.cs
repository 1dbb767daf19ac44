using System.Text;
using Dapper;
using Refrain.Jobs;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    public async Task<JobRecord?> GetJobAsync(long id, CancellationToken cancellationToken)
    {
        var row = await ReadAsync(c => c.QuerySingleOrDefaultAsync<JobRow>(
            Command($"SELECT {CommonSql.JobColumns} FROM jobs WHERE id = @id", new { id }, null, cancellationToken)), cancellationToken);
        return row?.ToRecord();
    }

    /// <summary>Jobs matching the filter, newest first, keyset-paged by id.</summary>
    public async Task<IReadOnlyList<JobRecord>> ListJobsAsync(JobFilter filter, CancellationToken cancellationToken)
    {
        var (where, args) = Where(filter);
        if (filter.AfterId is { } after)
        {
            where.Append(" AND id < @afterId");
            args.Add("afterId", after);
        }

        args.Add("limit", Math.Clamp(filter.Limit, 1, 10_000));
        var sql = $"SELECT {CommonSql.JobColumns} FROM jobs WHERE {where} ORDER BY id DESC LIMIT @limit";
        var rows = await ReadAsync(c => c.QueryAsync<JobRow>(Command(sql, args, null, cancellationToken)), cancellationToken);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Counts jobs by source, job type and state (for metrics and overviews).</summary>
    public async Task<IReadOnlyList<(string Source, string JobType, string State, long Count)>> CountJobsAsync(CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(c => c.QueryAsync<(string, string, string, long)>(Command(
            "SELECT source, job_type, state, COUNT(*) FROM jobs GROUP BY source, job_type, state ORDER BY source, job_type, state", null, null, cancellationToken)), cancellationToken);
        return rows.ToList();
    }

    private (StringBuilder Where, DynamicParameters Args) Where(JobFilter filter)
    {
        var where = new StringBuilder("1 = 1");
        var args = new DynamicParameters();
        void Add(string column, string name, object? value)
        {
            if (value is null)
            {
                return;
            }

            where.Append(" AND ").Append(column).Append(" = @").Append(name);
            args.Add(name, value);
        }

        Add("id", "jobId", filter.JobId);
        Add("source", "source", filter.Source);
        Add("job_type", "jobType", filter.JobType);
        Add("state", "state", filter.State);
        Add("run_id", "runId", filter.RunId);
        Add("account_id", "accountId", filter.AccountId);
        if (!string.IsNullOrEmpty(filter.Query))
        {
            where.Append(" AND ").Append(Sql.QueryPredicate);
            args.Add("q", filter.Query);
        }

        return (where, args);
    }
}
