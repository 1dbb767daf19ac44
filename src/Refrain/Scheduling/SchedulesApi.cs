using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Refrain.Accounts;
using Refrain.Http;
using Refrain.Runs;
using Refrain.Storage;

namespace Refrain.Scheduling;

/// <summary>
/// <c>/api/schedules</c>: list, one, create or replace, pause, resume, trigger, delete. Schedules are unique per (account,
/// name): a member key addresses its own account's; an admin key addresses the system schedule of that name, or with
/// <c>?account_id=N</c> that account's. Another account's schedule, or a system one for a member, answers 404.
/// </summary>
public static class SchedulesApi
{
    /// <summary>The largest misfire threshold a schedule accepts: a year, far beyond any sensible catch-up window.</summary>
    public const double MaxMisfireThresholdSeconds = 366 * 24 * 3600;

    private const string Addressing =
        "A member key addresses its own account's schedule; an admin key the system schedule (account_id null), or with ?account_id=N that account's.";

    private static readonly (string Prefix, string Field)[] ValidationFields =
    [
        ("invalid schedule name", "name"), ("invalid cron expression", "cron"), ("cron expression", "cron"), ("unknown time zone", "time_zone"),
        ("no handler for job", "job"), ("invalid job", "job"), ("args ", "args"), ("invalid overlap", "overlap"),
        ("invalid misfire policy", "misfire"), ("misfire threshold", "misfire_threshold_seconds"), ("invalid notify", "notify"),
    ];

    public static RouteGroupBuilder MapSchedulesApi(this RouteGroupBuilder api)
    {
        var schedules = api.MapGroup("/schedules").WithTags("Schedules");
        schedules.MapGet("/", ListAsync).WithName("ListSchedules")
            .WithSummary("List schedules with their next five fire times and last five runs")
            .WithDescription("A member key sees its own account's schedules; an admin key every schedule, system ones (account_id null) included. One page.");
        schedules.MapGet("/{name}", GetAsync).WithName("GetSchedule").WithSummary("One schedule").WithDescription(Addressing);
        schedules.MapPut("/{name}", PutAsync).WithName("PutSchedule")
            .WithSummary("Create (201) or replace (200) a schedule; omitted members take their defaults")
            .WithDescription(Addressing + " An invalid cron, zone, job or args is a 400 naming the field, and nothing changes.");
        schedules.MapPost("/{name}/pause", PauseAsync).WithName("PauseSchedule").WithSummary("Pause a schedule: it stops firing").WithDescription(Addressing);
        schedules.MapPost("/{name}/resume", ResumeAsync).WithName("ResumeSchedule")
            .WithSummary("Resume a paused schedule from now on (fire times missed while paused are not caught up)").WithDescription(Addressing);
        schedules.MapPost("/{name}/trigger", TriggerAsync).WithName("TriggerSchedule")
            .WithSummary("Start a run of the schedule's job now, whatever its cron says").WithDescription(Addressing);
        schedules.MapDelete("/{name}", DeleteAsync).WithName("DeleteSchedule").WithSummary("Delete a schedule (its runs stay)").WithDescription(Addressing);
        return api;
    }

    internal static async Task<Ok<Page<ScheduleResponse>>> ListAsync(Caller caller, RefrainStore store, TimeProvider time, CancellationToken ct)
    {
        var schedules = await store.ListSchedulesAsync(caller.Admin, caller.AccountId, ct);
        var runs = (await store.RecentRunsOfSchedulesAsync(caller.AccountId, caller.Admin, ScheduleResponse.RunsShown, ct))
            .ToLookup(r => (r.AccountId, r.ScheduleName));
        var now = time.GetUtcNow();
        var items = schedules.Select(s => ScheduleResponse.From(s, runs[(s.AccountId, s.Name)], now)).ToList();
        return TypedResults.Ok(new Page<ScheduleResponse>(items, null));
    }

    internal static async Task<Results<Ok<ScheduleResponse>, ProblemHttpResult>> GetAsync(
        string name, Caller caller, RefrainStore store, TimeProvider time, CancellationToken ct, [FromQuery(Name = "account_id")] long? accountId = null) =>
        TryOwner(caller, accountId, out var owner) && await DescribeAsync(store, owner, name, time, ct) is { } schedule
            ? TypedResults.Ok(schedule)
            : Missing(name);

    internal static async Task<Results<Created<ScheduleResponse>, Ok<ScheduleResponse>, ProblemHttpResult>> PutAsync(
        string name, SchedulePut body, Caller caller, RefrainStore store, ScheduleService service, TimeProvider time, CancellationToken ct,
        [FromQuery(Name = "account_id")] long? accountId = null)
    {
        if (!TryOwner(caller, accountId, out var owner))
        {
            return ApiProblems.NotFound($"account {accountId}");
        }

        if (caller.Admin && owner is { } id && !(await store.ListAccountsAsync(ct)).Any(a => a.Id == id))
        {
            return ApiProblems.NotFound($"account {id}");
        }

        if (body.MisfireThresholdSeconds is < 0 or > MaxMisfireThresholdSeconds)
        {
            return ApiProblems.Invalid("misfire_threshold_seconds", $"misfire_threshold_seconds must be from 0 to {MaxMisfireThresholdSeconds}");
        }

        var existing = await store.GetScheduleAsync(owner, name, ct);
        var definition = new ScheduleDefinition(name, body.Cron, body.Job)
        {
            TimeZone = body.TimeZone, Args = body.Args?.GetRawText() ?? "{}", Overlap = body.Overlap, Misfire = body.Misfire,
            MisfireThreshold = TimeSpan.FromSeconds(body.MisfireThresholdSeconds), Notify = body.Notify, AccountId = owner,
            // A configured schedule stays marked as such: configuration re-applies it when the server starts.
            Origin = existing?.Origin ?? "runtime",
        };
        ScheduleRecord stored;
        try
        {
            stored = await service.UpsertAsync(definition, ct);
        }
        catch (ScheduleValidationException ex)
        {
            return ApiProblems.Invalid(FieldOf(ex.Message), ex.Message);
        }

        if (body.Enabled is { } enabled && enabled != stored.Enabled)
        {
            _ = enabled ? await service.ResumeAsync(owner, name, ct) : await store.SetScheduleEnabledAsync(owner, name, false, null, ct);
        }

        var response = (await DescribeAsync(store, owner, name, time, ct))!;
        return existing is null ? TypedResults.Created(Location(name, caller, owner), response) : TypedResults.Ok(response);
    }

    internal static async Task<Results<Ok<ScheduleResponse>, ProblemHttpResult>> PauseAsync(
        string name, Caller caller, RefrainStore store, TimeProvider time, CancellationToken ct, [FromQuery(Name = "account_id")] long? accountId = null)
    {
        if (!TryOwner(caller, accountId, out var owner) || !await store.SetScheduleEnabledAsync(owner, name, false, null, ct))
        {
            return Missing(name);
        }

        return TypedResults.Ok((await DescribeAsync(store, owner, name, time, ct))!);
    }

    internal static async Task<Results<Ok<ScheduleResponse>, ProblemHttpResult>> ResumeAsync(
        string name, Caller caller, RefrainStore store, ScheduleService service, TimeProvider time, CancellationToken ct,
        [FromQuery(Name = "account_id")] long? accountId = null)
    {
        if (!TryOwner(caller, accountId, out var owner) || await store.GetScheduleAsync(owner, name, ct) is not { } schedule)
        {
            return Missing(name);
        }

        // Resuming an enabled schedule would move its next fire time to now and drop a catch-up run that is due.
        if (!schedule.Enabled && !await service.ResumeAsync(owner, name, ct))
        {
            return Missing(name);
        }

        return TypedResults.Ok((await DescribeAsync(store, owner, name, time, ct))!);
    }

    internal static async Task<Results<Accepted<TriggeredResponse>, ProblemHttpResult>> TriggerAsync(
        string name, Caller caller, RefrainStore store, ScheduleService service, CancellationToken ct, [FromQuery(Name = "account_id")] long? accountId = null) =>
        TryOwner(caller, accountId, out var owner)
            ? await StartAsync(service, store, owner, name, $"api-key:{caller.KeyId.ToString(CultureInfo.InvariantCulture)}", ct)
            : Missing(name);

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string name, Caller caller, RefrainStore store, CancellationToken ct, [FromQuery(Name = "account_id")] long? accountId = null) =>
        TryOwner(caller, accountId, out var owner) && await store.DeleteScheduleAsync(owner, name, ct) ? TypedResults.NoContent() : Missing(name);

    /// <summary>Starts a run of the schedule now; shared with the cron route. 404 when the schedule is unknown.</summary>
    internal static async Task<Results<Accepted<TriggeredResponse>, ProblemHttpResult>> StartAsync(
        ScheduleService service, RefrainStore store, long? owner, string name, string requestedBy, CancellationToken ct)
    {
        if (await service.TriggerAsync(owner, name, requestedBy, ct) is not { RunId: { } runId, JobId: { } jobId })
        {
            return Missing(name);
        }

        // The store records the run even when the schedule's job is already queued, and cancels it at once: nothing new runs.
        if (await store.GetRunAsync(runId, ct) is { State: RunState.Cancelled })
        {
            return ApiProblems.Conflict($"schedule '{name}' already has job {jobId} queued; run {runId} was cancelled without running");
        }

        return TypedResults.Accepted($"/api/tasks/runs/{runId.ToString(CultureInfo.InvariantCulture)}", new TriggeredResponse(runId, jobId));
    }

    /// <summary>
    /// The account a name route addresses: a member's own; for an admin the system (no account_id) or the account given.
    /// False when a member names another account, which answers like a missing schedule.
    /// </summary>
    internal static bool TryOwner(Caller caller, long? accountId, out long? owner)
    {
        owner = caller.Admin ? accountId : caller.AccountId;
        return caller.Admin || accountId is null || accountId == caller.AccountId;
    }

    /// <summary>The request member a <see cref="ScheduleValidationException"/> is about, by its message's opening words.</summary>
    internal static string FieldOf(string message) =>
        ValidationFields.FirstOrDefault(f => message.StartsWith(f.Prefix, StringComparison.Ordinal)).Field ?? "body";

    private static async Task<ScheduleResponse?> DescribeAsync(RefrainStore store, long? owner, string name, TimeProvider time, CancellationToken ct)
    {
        if (await store.GetScheduleAsync(owner, name, ct) is not { } schedule)
        {
            return null;
        }

        var runs = await store.RunsOfScheduleAsync(owner, name, ScheduleResponse.RunsShown, ct);
        return ScheduleResponse.From(schedule, runs, time.GetUtcNow());
    }

    private static string Location(string name, Caller caller, long? owner) =>
        $"/api/schedules/{Uri.EscapeDataString(name)}" + (caller.Admin && owner is { } id ? $"?account_id={id.ToString(CultureInfo.InvariantCulture)}" : "");

    private static ProblemHttpResult Missing(string name) => ApiProblems.NotFound($"schedule '{name}'");
}
