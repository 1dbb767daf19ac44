namespace Refrain.Bench.Dashboard;

/// <summary>
/// One dashboard request the bench times. <see cref="Path"/> may name seeded ids as <c>{job}</c>, <c>{run}</c>, <c>{song}</c>,
/// <c>{listener}</c>, <c>{schedule}</c>, <c>{account}</c>; with <see cref="FollowNext"/> the bench opens the path once and
/// times the page its "Next" link leads to (the second keyset page).
/// </summary>
internal sealed record DashboardPage(string Name, string Path, bool FollowNext = false)
{
    private const string DeadRematches = "/admin/research?source=spotify&job_type=rematch_duration_mismatches&state=dead";

    /// <summary>Every page the dashboard has, with realistic filters; add a line when a page lands.</summary>
    public static readonly IReadOnlyList<DashboardPage> All =
    [
        new("overview", "/admin"),
        new("research", "/admin/research"),
        new("research dead re-matches", DeadRematches),
        new("research dead re-matches, page 2", DeadRematches, FollowNext: true),
        new("research pending", "/admin/research?state=pending"),
        new("research by account", "/admin/research?account={account}&state=failed"),
        new("research by run", "/admin/research?run={run}"),
        new("research search", "/admin/research?q=song:4242"),
        new("research job", "/admin/research/{job}"),
        new("runs", "/admin/runs"),
        new("runs, page 2", "/admin/runs", FollowNext: true),
        new("runs with errors", "/admin/runs?state=completed_with_errors"),
        new("run", "/admin/runs/{run}"),
        new("schedules", "/admin/schedules"),
        new("schedule", "/admin/schedules/{schedule}"),
        new("duration mismatches", "/admin/duration-mismatches"),
        new("duration mismatches, page 2", "/admin/duration-mismatches", FollowNext: true),
        new("duration mismatches resolved", "/admin/duration-mismatches?resolved=true"),
        new("duration mismatch", "/admin/duration-mismatches/{song}"),
        new("listeners", "/admin/listeners"),
        new("listener", "/admin/listeners/{listener}"),
        new("measurements", "/admin/measurements"),
        new("notifications", "/admin/notifications"),
    ];

    /// <summary>The path with the seeded ids filled in.</summary>
    public string Resolve(IReadOnlyDictionary<string, long> ids) =>
        ids.Aggregate(Path, (path, id) => path.Replace("{" + id.Key + "}", id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
}
