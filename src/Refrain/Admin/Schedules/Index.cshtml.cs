using Microsoft.AspNetCore.Mvc.RazorPages;
using Refrain.Storage;

namespace Refrain.Admin.Schedules;

/// <summary>Every schedule, system and accounts': its rule in words, zone, state, next fire time, last run and notify policy.</summary>
internal sealed class IndexModel(RefrainStore store, TimeProvider time) : PageModel
{
    public IReadOnlyList<ScheduleRow> Rows { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = time.GetUtcNow();
        var accounts = (await store.ListAccountsAsync(ct)).ToDictionary(a => a.Id, a => a.Name);
        var schedules = await store.ListSchedulesAsync(allAccounts: true, accountId: null, ct);
        var lastRuns = (await store.RecentRunsOfSchedulesAsync(null, allAccounts: true, perSchedule: 1, ct))
            .ToDictionary(r => (r.AccountId ?? 0, r.ScheduleName!));
        Rows = schedules
            .OrderBy(s => s.AccountId ?? 0).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new ScheduleRow(s, ScheduleRow.AccountName(s.AccountId, accounts), ScheduleRow.Describe(s.Cron),
                lastRuns.GetValueOrDefault((s.AccountId ?? 0, s.Name))))
            .ToList();
    }
}
