using Microsoft.AspNetCore.Mvc.RazorPages;
using Refrain.Measurements.Quota;
using Refrain.Notifications;
using Refrain.Providers;
using Refrain.Runs;
using Refrain.Scheduling;
using Refrain.Storage;

namespace Refrain.Admin.Overview;

/// <summary>The landing page: queue depth, jobs per state, providers, failing and stale schedules.</summary>
internal sealed class IndexModel(RefrainStore store, ProviderGate gate, QuotaService quota, TimeProvider time) : PageModel
{
    /// <summary>Job states in the order a person reads the queue: waiting, working, then the ends.</summary>
    public static readonly IReadOnlyList<string> States = ["pending", "running", "succeeded", "no_data", "failed", "dead", "cancelled"];

    public DateTimeOffset Now { get; private set; }

    public JobCountsSnapshot Jobs { get; private set; } = null!;

    public IReadOnlyList<ProviderStatus> Providers { get; private set; } = [];

    public IReadOnlyList<ScheduleAlert> Failing { get; private set; } = [];

    public IReadOnlyList<ScheduleAlert> Stale { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = time.GetUtcNow();
        Jobs = await JobCounts.For(HttpContext.RequestServices).GetAsync(ct);
        Providers = await ProvidersAsync(ct);
        await SchedulesAsync(ct);
    }

    private async Task<IReadOnlyList<ProviderStatus>> ProvidersAsync(CancellationToken ct)
    {
        var pauses = (await store.ListProviderPausesAsync(ct)).ToDictionary(p => p.Name, StringComparer.Ordinal);
        // Provider totals only (account null): the overview is about the provider's cap, the accounts' rows are on Measurements.
        var usage = (await quota.GetUsageAsync(null, ct)).Where(u => u.AccountId is null).ToDictionary(u => u.Provider, StringComparer.Ordinal);
        var names = ProviderNames.Known.Concat(gate.Providers.Keys).Concat(pauses.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var statuses = new List<ProviderStatus>();
        foreach (var name in names)
        {
            var options = gate.OptionsFor(name);
            var pause = pauses.GetValueOrDefault(name);
            var paused = pause?.IsPausedAt(Now) == true;
            int? available = options.RequestsPerWindow > 0 ? await gate.AvailableAsync(name, ct) : null;
            var used = usage.GetValueOrDefault(name);
            statuses.Add(new ProviderStatus(name, options.RequestsPerWindow, options.Window, available, gate.Off.GetValueOrDefault(name),
                paused ? pause!.PausedUntil : null, paused ? pause!.Reason : null, used?.Used, used?.Cap));
        }

        return statuses;
    }

    private async Task SchedulesAsync(CancellationToken ct)
    {
        var schedules = await store.ListSchedulesAsync(allAccounts: true, accountId: null, ct);
        var accounts = (await store.ListAccountsAsync(ct)).ToDictionary(a => a.Id, a => a.Name);
        var lastRuns = (await store.LastRunsOfSchedulesAsync(ct)).ToDictionary(r => r.Id);
        var successes = (await store.LastSuccessesOfSchedulesAsync(ct))
            .ToDictionary(s => (s.AccountId ?? 0, s.Name), s => DateTimeOffset.FromUnixTimeMilliseconds(s.EndedAt));
        var alerts = schedules.Select(s =>
        {
            var lastRun = s.LastRunId is { } id ? lastRuns.GetValueOrDefault(id) : null;
            var lastSuccess = successes.TryGetValue((s.AccountId ?? 0, s.Name), out var at) ? at : (DateTimeOffset?)null;
            return new ScheduleAlert(s, Schedules.ScheduleRow.AccountName(s.AccountId, accounts), lastRun, lastSuccess,
                StaleSince(s, lastSuccess));
        }).ToList();
        Failing = alerts.Where(a => a.LastRun?.State is RunState.Failed or RunState.CompletedWithErrors).ToList();
        Stale = alerts.Where(a => a.MissedSince is not null).ToList();
    }

    /// <summary>The staleness alert's own rule (notifications), so the page and the alert agree on which schedules are stale.</summary>
    private DateTimeOffset? StaleSince(ScheduleRecord s, DateTimeOffset? lastSuccess) =>
        Staleness.MissedSince(new ScheduleHealth
        {
            Id = s.Id, AccountId = s.AccountId, Name = s.Name, Cron = s.Cron, TimeZone = s.TimeZone, Enabled = s.Enabled,
            CreatedAt = s.CreatedAt, LastSuccessAt = lastSuccess?.ToUnixTimeMilliseconds(),
        }, Now)?.ToUniversalTime();
}
