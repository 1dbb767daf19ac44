using Microsoft.AspNetCore.Mvc.RazorPages;
using Refrain.Jobs;
using Refrain.Runs;
using Refrain.Storage;

namespace Refrain.Admin.Runs;

/// <summary><c>/admin/runs/{id}</c>: the run's summary, counts, timing, who or what asked, and the first page of its child jobs.</summary>
internal sealed class RunModel(RefrainStore store, TimeProvider time) : PageModel
{
    public const int ChildPage = 50;

    public RunRecord? Run { get; private set; }

    public RunSummaryLines Summary { get; private set; } = RunSummaryLines.Empty;

    /// <summary>The newest <see cref="ChildPage"/> jobs of the run (its sweep job included).</summary>
    public IReadOnlyList<JobRecord> Children { get; private set; } = [];

    /// <summary>Whether the run has more jobs than <see cref="Children"/> shows.</summary>
    public bool MoreChildren { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(long id, CancellationToken ct)
    {
        Now = time.GetUtcNow();
        Run = await store.GetRunAsync(id, ct);
        if (Run is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        Summary = RunSummaryLines.From(Run.Summary);
        var rows = await store.ListJobsAsync(new JobFilter { RunId = id, Limit = ChildPage + 1 }, ct);
        Children = rows.Take(ChildPage).ToList();
        MoreChildren = rows.Count > ChildPage;
    }
}
