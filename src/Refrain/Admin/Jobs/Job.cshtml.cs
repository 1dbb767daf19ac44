using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Refrain.Jobs;
using Refrain.Storage;

namespace Refrain.Admin.Jobs;

/// <summary><c>/admin/research/{id}</c>: one job's facts, args, last error and outcome detail, its run; retry and cancel.</summary>
internal sealed class JobModel(RefrainStore store, TimeProvider time) : PageModel
{
    public JobRecord? Job { get; private set; }

    public DateTimeOffset Now { get; private set; }

    /// <summary>Retry is offered for what went wrong or was stopped; the store also takes pending jobs, but "retry" then only means "now".</summary>
    public bool CanRetry => Job?.State is JobState.Dead or JobState.Failed or JobState.Cancelled;

    public bool CanCancel => Job?.State is JobState.Pending or JobState.Running;

    public async Task OnGetAsync(long id, CancellationToken ct)
    {
        Now = time.GetUtcNow();
        Job = await store.GetJobAsync(id, ct);
        if (Job is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    public Task<IActionResult> OnPostRetryAsync(long id, CancellationToken ct) =>
        ActAsync(id, store.RetryAsync, "Retried", "only dead, failed or cancelled jobs are retried", ct);

    public Task<IActionResult> OnPostCancelAsync(long id, CancellationToken ct) =>
        ActAsync(id, store.CancelAsync, "Cancelled", "only pending or running jobs are cancelled", ct);

    private async Task<IActionResult> ActAsync(long id, Func<JobFilter, CancellationToken, Task<int>> act, string done, string rule, CancellationToken ct)
    {
        var job = await store.GetJobAsync(id, ct);
        if (job is null)
        {
            return NotFound();
        }

        if (await act(new JobFilter { JobId = id }, ct) == 0)
        {
            TempData["Error"] = $"Job {id} is {job.State}: {rule}.";
        }
        else
        {
            TempData["Notice"] = $"{done} job {id}";
        }

        return Redirect($"/admin/research/{id}");
    }
}
