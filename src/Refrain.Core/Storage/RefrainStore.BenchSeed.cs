using Dapper;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>
    /// Benchmarks only: fills the database with a dashboard-sized workload in a few set-based statements (<c>refrain bench
    /// dashboard</c>). Rows get explicit ids above the current maximum so jobs can name their runs and links their songs
    /// without a round trip; the dialect then moves its id sequences past them. Ends with <c>ANALYZE</c>.
    /// </summary>
    public async Task<BenchSeedCounts> SeedDashboardBenchAsync(BenchSeedPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var p = new DynamicParameters();
        var bases = new Dictionary<string, long>(StringComparer.Ordinal);
        var reviewEvery = Math.Max(1, plan.Songs / Math.Max(1, plan.Reviews));
        var runs = Math.Max(10, plan.Jobs / 1000 / 10 * 10);
        p.AddDynamicParams(new
        {
            jobs = plan.Jobs, songs = plan.Songs, runs, block = Math.Max(1, (plan.Jobs + runs - 1) / runs), recent = plan.Jobs - plan.Jobs / 33,
            reviewEvery, listeners = plan.Listeners, plays = plan.Plays, now = NowMs,
            a1 = plan.AccountIds[0], a2 = plan.AccountIds[1 % plan.AccountIds.Count], a3 = plan.AccountIds[2 % plan.AccountIds.Count],
            period = Time.GetUtcNow().ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            today = Time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
        await WriteAsync(async (c, tx) =>
        {
            foreach (var table in BenchSeedTables)
            {
                bases[table] = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                    $"SELECT COALESCE(MAX(id), 0) FROM {table}", transaction: tx, cancellationToken: cancellationToken));
                p.Add(table + "Base", bases[table]);
            }

            foreach (var sql in BenchSeedSql.Statements(BenchSeries))
            {
                await c.ExecuteAsync(new CommandDefinition(sql, p, tx, commandTimeout: 1800, cancellationToken: cancellationToken));
            }

            foreach (var table in BenchSeedTables)
            {
                await BenchSeedAfterExplicitIdsAsync(c, tx, table, cancellationToken);
            }

            return 0;
        }, cancellationToken);
        await BenchSeedAnalyzeAsync(cancellationToken);
        var counts = await ReadAsync(c => c.QuerySingleAsync<BenchSeedCounts>(new CommandDefinition(BenchSeedSql.Counts, commandTimeout: 600,
            cancellationToken: cancellationToken)), cancellationToken);
        counts.SampleJobId = bases["jobs"] + Math.Max(1, plan.Jobs / 2);
        counts.SampleRunId = bases["runs"] + 1;
        counts.SampleReviewSongId = bases["songs"] + reviewEvery;
        counts.SampleListenerId = bases["listeners"] + 1;
        counts.SampleScheduleId = bases["schedules"] + 1;
        return counts;
    }

    private static readonly string[] BenchSeedTables = ["jobs", "runs", "catalogs", "songs", "listeners", "schedules"];

    /// <summary>Fresh statistics for the planner (and on PostgreSQL a vacuumed table, as autovacuum leaves it in production).</summary>
    private protected virtual Task BenchSeedAnalyzeAsync(CancellationToken cancellationToken) =>
        WriteAsync((c, tx) => c.ExecuteAsync(new CommandDefinition("ANALYZE", transaction: tx, commandTimeout: 1800, commandType: System.Data.CommandType.Text,
            cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>A row source of <c>n</c> = 1 … <paramref name="count"/> usable after FROM, aliased <c>s</c>.</summary>
    private protected abstract string BenchSeries(string count);

    /// <summary>After rows were inserted with explicit ids: make the next generated id follow them (PostgreSQL's identities).</summary>
    private protected virtual Task BenchSeedAfterExplicitIdsAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, string table,
        CancellationToken cancellationToken) => Task.CompletedTask;
}
