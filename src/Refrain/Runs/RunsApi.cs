using Microsoft.AspNetCore.Http.HttpResults;
using Refrain.Accounts;
using Refrain.Http;
using Refrain.Jobs;
using Refrain.Storage;

namespace Refrain.Runs;

/// <summary><c>/api/tasks/runs</c>: runs with their state, counts, summary and timings; retry a run's dead jobs.</summary>
public static class RunsApi
{
    private static readonly string[] States = [RunState.Running, RunState.Succeeded, RunState.CompletedWithErrors, RunState.Failed, RunState.Cancelled];

    public static RouteGroupBuilder MapRunsApi(this RouteGroupBuilder api)
    {
        var runs = api.MapGroup("/tasks/runs").WithTags("Runs");
        runs.MapGet("/", ListAsync).WithName("ListRuns").WithSummary("List runs, newest first, by kind and state");
        runs.MapGet("/{id:long}", GetAsync).WithName("GetRun").WithSummary("One run: state, counts by outcome, summary and timings");
        runs.MapPost("/{id:long}/retry-dead", RetryDeadAsync).WithName("RetryDeadJobsOfRun")
            .WithSummary("Retry every dead job of a run, with fresh attempts; the run is running again until they end");
        return api;
    }

    internal static async Task<Results<Ok<Page<RunResponse>>, ProblemHttpResult>> ListAsync(
        Caller caller, RefrainStore store, TimeProvider time, CancellationToken ct, string? kind = null, string? state = null, int? limit = null, string? cursor = null)
    {
        if (state is not null && !States.Contains(state))
        {
            return ApiProblems.Invalid("state", $"state must be one of {string.Join(", ", States)}");
        }

        if (limit is < 1 or > JobsApi.MaxLimit)
        {
            return ApiProblems.Invalid("limit", $"limit must be from 1 to {JobsApi.MaxLimit}");
        }

        var fingerprint = Cursors.Fingerprint("runs", caller.Scope, kind, state);
        if (!Cursors.TryDecode(cursor, fingerprint, out var after, out var error))
        {
            return ApiProblems.Invalid("cursor", error);
        }

        var take = limit ?? JobsApi.DefaultLimit;
        var rows = await store.ListRunsAsync(kind, state, caller.Scope, caller.Admin, take + 1, ct, after);
        var now = time.GetUtcNow();
        return TypedResults.Ok(Cursors.Page(rows, take, r => RunResponse.From(r, now), r => r.Id, fingerprint));
    }

    internal static async Task<Results<Ok<RunResponse>, ProblemHttpResult>> GetAsync(long id, Caller caller, RefrainStore store, TimeProvider time, CancellationToken ct) =>
        await VisibleAsync(id, caller, store, ct) is { } run ? TypedResults.Ok(RunResponse.From(run, time.GetUtcNow())) : ApiProblems.NotFound($"run {id}");

    internal static async Task<Results<Ok<RetriedResponse>, ProblemHttpResult>> RetryDeadAsync(long id, Caller caller, RefrainStore store, CancellationToken ct)
    {
        if (await VisibleAsync(id, caller, store, ct) is null)
        {
            return ApiProblems.NotFound($"run {id}");
        }

        var retried = await store.RetryAsync(new JobFilter { RunId = id, State = JobState.Dead }, ct);
        return TypedResults.Ok(new RetriedResponse(id, retried));
    }

    private static async Task<RunRecord?> VisibleAsync(long id, Caller caller, RefrainStore store, CancellationToken ct) =>
        await store.GetRunAsync(id, ct) is { } run && caller.CanSee(run.AccountId) ? run : null;
}
