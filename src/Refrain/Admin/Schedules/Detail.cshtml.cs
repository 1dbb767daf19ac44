using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Refrain.Accounts;
using Refrain.Runs;
using Refrain.Scheduling;
using Refrain.Storage;

namespace Refrain.Admin.Schedules;

/// <summary>
/// One schedule: its cron in words, the next five fire times in UTC and in its zone, its last runs, and the operator's
/// controls (pause, enable, trigger now, edit). Each control goes through the same service and rules as the API.
/// </summary>
internal sealed class DetailModel(RefrainStore store, ScheduleService service, TimeProvider time) : PageModel
{
    /// <summary>How many recent runs the page lists.</summary>
    public const int RunsShown = 10;

    public ScheduleRecord Schedule { get; private set; } = null!;

    public string Account { get; private set; } = "";

    public string Description { get; private set; } = "";

    public TimeZoneInfo? Zone { get; private set; }

    public IReadOnlyList<DateTimeOffset> NextFireTimes { get; private set; } = [];

    public IReadOnlyList<RunRecord> Runs { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    [BindProperty]
    public ScheduleForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Form = ScheduleForm.From(Schedule);
        return Page();
    }

    public async Task<IActionResult> OnPostPauseAsync(long id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } s)
        {
            return NotFound();
        }

        await store.SetScheduleEnabledAsync(s.AccountId, s.Name, false, null, ct);
        TempData["Notice"] = $"Schedule {s.Name} is paused: it will not fire until enabled.";
        return Redirect(ScheduleLinks.Page(id));
    }

    public async Task<IActionResult> OnPostEnableAsync(long id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } s)
        {
            return NotFound();
        }

        // Enabling an enabled schedule would move its next fire time to now and drop a catch-up run that is due.
        if (!s.Enabled)
        {
            await service.ResumeAsync(s.AccountId, s.Name, ct);
        }

        TempData["Notice"] = $"Schedule {s.Name} is enabled from now on (fire times missed while paused are not caught up).";
        return Redirect(ScheduleLinks.Page(id));
    }

    public async Task<IActionResult> OnPostTriggerAsync(long id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } s)
        {
            return NotFound();
        }

        var requestedBy = $"dashboard:api-key:{Caller.From(User).KeyId.ToString(CultureInfo.InvariantCulture)}";
        var fired = await service.TriggerAsync(s.AccountId, s.Name, requestedBy, ct);
        if (fired is not { RunId: { } runId, JobId: { } jobId })
        {
            TempData["Error"] = $"Schedule {s.Name} could not be started.";
        }
        else if (await store.GetRunAsync(runId, ct) is { State: RunState.Cancelled })
        {
            // The store records the run even when the schedule's job is already queued, and cancels it at once.
            TempData["Error"] = $"Schedule {s.Name} already has job {jobId} queued; run {runId} was cancelled without running.";
        }
        else
        {
            TempData["Notice"] = $"Started run {runId} of {s.Name}.";
        }

        return Redirect(ScheduleLinks.Page(id));
    }

    public async Task<IActionResult> OnPostSaveAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (Form.ToDefinition(Schedule) is { } definition)
        {
            try
            {
                await service.UpsertAsync(definition, ct);
                TempData["Notice"] = $"Saved {Schedule.Name}.";
                return Redirect(ScheduleLinks.Page(id));
            }
            catch (ScheduleValidationException ex)
            {
                Form.Errors[SchedulesApi.FieldOf(ex.Message)] = ex.Message;
            }
        }

        // The page shows the error beside its field with what was typed; nothing was stored.
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The zone's local time of an instant, or null when the zone is missing from this host's data.</summary>
    public string Local(DateTimeOffset at) =>
        Zone is null ? "—" : TimeZoneInfo.ConvertTime(at, Zone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    private async Task<ScheduleRecord?> FindAsync(long id, CancellationToken ct) =>
        (await store.ListSchedulesAsync(allAccounts: true, accountId: null, ct)).FirstOrDefault(s => s.Id == id);

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } s)
        {
            return false;
        }

        Schedule = s;
        Now = time.GetUtcNow();
        Account = ScheduleRow.AccountName(s.AccountId, (await store.ListAccountsAsync(ct)).ToDictionary(a => a.Id, a => a.Name));
        Description = ScheduleRow.Describe(s.Cron);
        try
        {
            Zone = TimeZones.Find(s.TimeZone);
        }
        catch (ScheduleValidationException)
        {
            Zone = null;
        }

        // From the real evaluator, whether or not the schedule is paused: an operator checks the rule before enabling it.
        NextFireTimes = Zone is not null && CronExpression.TryParse(s.Cron, out var cron, out _)
            ? cron.GetOccurrences(Now, Zone, 5).Select(t => t.ToUniversalTime()).ToList()
            : [];
        Runs = await store.RunsOfScheduleAsync(s.AccountId, s.Name, RunsShown, ct);
        return true;
    }
}
