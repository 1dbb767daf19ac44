namespace Refrain.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <summary>A recursive CTE: the bundled SQLite has no generate_series.</summary>
    private protected override string BenchSeries(string count) =>
        $"(WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < {count}) SELECT n FROM r) AS s";
}
