using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Refrain.Accounts;
using Refrain.Http;
using Refrain.Storage;

namespace Refrain.Jobs;

/// <summary><c>/api/jobs</c>: list with filters and keyset pages, one job, retry, cancel. Scoped to the caller's account.</summary>
public static class JobsApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static RouteGroupBuilder MapJobsApi(this RouteGroupBuilder api)
    {
        var jobs = api.MapGroup("/jobs").WithTags("Jobs");
        jobs.MapGet("/", ListAsync).WithName("ListJobs")
            .WithSummary("List jobs, newest first")
            .WithDescription("Filters combine; q searches the subject and the args. Pages of up to 200 (default 50) with an opaque next_cursor bound to the filters.");
        jobs.MapGet("/{id:long}", GetAsync).WithName("GetJob").WithSummary("One job: args, attempts, errors, outcome detail and its run");
        jobs.MapPost("/{id:long}/retry", RetryAsync).WithName("RetryJob").WithSummary("Retry a dead, failed, cancelled or pending job now, with fresh attempts");
        jobs.MapPost("/{id:long}/cancel", CancelAsync).WithName("CancelJob").WithSummary("Cancel a pending or running job");
        return api;
    }

    internal static async Task<Results<Ok<Page<JobResponse>>, ProblemHttpResult>> ListAsync(
        Caller caller, RefrainStore store, CancellationToken ct,
        string? source = null, [FromQuery(Name = "job_type")] string? jobType = null, string? state = null, [FromQuery(Name = "run_id")] long? runId = null,
        string? q = null, int? limit = null, string? cursor = null)
    {
        if (state is not null && !JobState.IsKnown(state))
        {
            return ApiProblems.Invalid("state", $"state must be one of {string.Join(", ", JobState.All)}");
        }

        if (limit is < 1 or > MaxLimit)
        {
            return ApiProblems.Invalid("limit", $"limit must be from 1 to {MaxLimit}");
        }

        if (q is { Length: > 200 })
        {
            return ApiProblems.Invalid("q", "q must be at most 200 characters");
        }

        var fingerprint = Cursors.Fingerprint("jobs", caller.Scope, source, jobType, state, runId, q);
        if (!Cursors.TryDecode(cursor, fingerprint, out var after, out var error))
        {
            return ApiProblems.Invalid("cursor", error);
        }

        var take = limit ?? DefaultLimit;
        var rows = await store.ListJobsAsync(new JobFilter
        {
            Source = source, JobType = jobType, State = state, RunId = runId, Query = q, AccountId = caller.Scope,
            AfterId = after, Limit = take + 1,
        }, ct);
        return TypedResults.Ok(Cursors.Page(rows, take, JobResponse.From, job => job.Id, fingerprint));
    }

    internal static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> GetAsync(long id, Caller caller, RefrainStore store, CancellationToken ct) =>
        await VisibleAsync(id, caller, store, ct) is { } job ? TypedResults.Ok(JobResponse.From(job)) : ApiProblems.NotFound($"job {id}");

    internal static Task<Results<Ok<JobResponse>, ProblemHttpResult>> RetryAsync(long id, Caller caller, RefrainStore store, CancellationToken ct) =>
        ActAsync(id, caller, store, (s, f, t) => s.RetryAsync(f, t), "retry: only dead, failed, cancelled or pending jobs are retried", ct);

    internal static Task<Results<Ok<JobResponse>, ProblemHttpResult>> CancelAsync(long id, Caller caller, RefrainStore store, CancellationToken ct) =>
        ActAsync(id, caller, store, (s, f, t) => s.CancelAsync(f, t), "cancel: only pending or running jobs are cancelled", ct);

    private static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> ActAsync(long id, Caller caller, RefrainStore store,
        Func<RefrainStore, JobFilter, CancellationToken, Task<int>> act, string rule, CancellationToken ct)
    {
        var job = await VisibleAsync(id, caller, store, ct);
        if (job is null)
        {
            return ApiProblems.NotFound($"job {id}");
        }

        if (await act(store, new JobFilter { JobId = id, AccountId = caller.Scope }, ct) == 0)
        {
            return ApiProblems.Conflict($"job {id} is {job.State}; nothing to {rule}");
        }

        return TypedResults.Ok(JobResponse.From((await store.GetJobAsync(id, ct))!));
    }

    /// <summary>The job when it exists and the caller may see it; another account's job is as absent as a missing one.</summary>
    private static async Task<JobRecord?> VisibleAsync(long id, Caller caller, RefrainStore store, CancellationToken ct) =>
        await store.GetJobAsync(id, ct) is { } job && caller.CanSee(job.AccountId) ? job : null;
}
