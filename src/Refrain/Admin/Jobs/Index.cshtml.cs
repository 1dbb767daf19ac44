using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Refrain.Jobs;
using Refrain.Storage;

namespace Refrain.Admin.Jobs;

/// <summary>
/// <c>/admin/research</c>: jobs newest first under the seeds' filters, keyset pages of 50 (never OFFSET, never a count of the
/// table), and "Retry all matching" for the dead and failed jobs under the same filter.
/// </summary>
internal sealed class IndexModel(RefrainStore store, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "source")]
    public string? Source { get; set; }

    [BindProperty(SupportsGet = true, Name = "job_type")]
    public string? JobType { get; set; }

    [BindProperty(SupportsGet = true, Name = "state")]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "account")]
    public string? Account { get; set; }

    [BindProperty(SupportsGet = true, Name = "run")]
    public string? Run { get; set; }

    /// <summary>The keyset: show jobs with ids below this one.</summary>
    [BindProperty(SupportsGet = true, Name = "after")]
    public long? After { get; set; }

    public JobsQuery Query { get; private set; } = new();

    public IReadOnlyList<JobRecord> Jobs { get; private set; } = [];

    /// <summary>The Next link's query string, or null on the last page.</summary>
    public string? NextQuery { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = time.GetUtcNow();
        Query = Read();
        if (!Query.Validate())
        {
            return;
        }

        // One row more than a page tells whether a Next page exists without counting anything.
        var rows = await store.ListJobsAsync(Query.ToFilter(After, PageSize + 1), ct);
        Jobs = rows.Take(PageSize).ToList();
        if (rows.Count > PageSize)
        {
            NextQuery = Query.ToQueryString(("after", Jobs[^1].Id.ToString(CultureInfo.InvariantCulture)));
        }
    }

    public async Task<IActionResult> OnPostRetryAllAsync(CancellationToken ct)
    {
        var query = Read();
        if (!query.Validate())
        {
            TempData["Error"] = "The filter is not valid; nothing was retried.";
            return Redirect("/admin/research" + query.ToQueryString());
        }

        var retried = await store.RetryFailuresAsync(query.ToFilter(null, PageSize), ct);
        TempData["Notice"] = retried == 1 ? "Retried 1 job" : $"Retried {retried} jobs";
        return Redirect("/admin/research" + query.ToQueryString());
    }

    private JobsQuery Read() => new() { Source = Source, JobType = JobType, State = State, Q = Q, Account = Account, Run = Run };
}
