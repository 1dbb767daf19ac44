using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Refrain.Accounts;
using Refrain.Admin.Shared;
using Refrain.Measurements.Quota;
using Refrain.Runs;
using Refrain.Storage;

namespace Refrain.Admin.Measurements;

/// <summary>
/// <c>/admin/measurements</c>: measurement runs (requested measurements and catalog snapshots) with their counts and summary,
/// this month's quota per provider and account, the provider totals of earlier months, the latest ledger entries and how far
/// the historical backfill has come.
/// </summary>
internal sealed class IndexModel(RefrainStore store, QuotaService quota, TimeProvider time) : PageModel
{
    public const int PageSize = 50;
    public const int LedgerRows = 50;

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public IReadOnlyList<RunRecord> Runs { get; private set; } = [];

    public long? Next { get; private set; }

    public IReadOnlyList<QuotaUsage> ThisMonth { get; private set; } = [];

    public IReadOnlyList<RefrainStore.QuotaMonth> Months { get; private set; } = [];

    public IReadOnlyList<RefrainStore.QuotaLedgerEntry> Ledger { get; private set; } = [];

    public IReadOnlyList<(string State, long Recordings)> Backfills { get; private set; } = [];

    public QuotaLimits Limits => quota.Limits;

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = Caller.From(User).Scope;
        Now = time.GetUtcNow();
        var runs = await store.ListMeasurementRunsAsync(scope, Before, PageSize + 1, ct);
        Runs = runs.Take(PageSize).ToList();
        Next = runs.Count > PageSize ? Runs[^1].Id : null;
        ThisMonth = await quota.GetUsageAsync(scope, ct);
        Months = await store.ListQuotaMonthsAsync(24, ct);
        Ledger = await store.ListQuotaLedgerAsync(scope, LedgerRows, ct);
        Backfills = await store.CountBackfillsAsync(ct);
    }

    /// <summary>Micro-USD as dollars: the ledger counts fractions of a cent.</summary>
    public static string Dollars(long microUsd) => Dollars(microUsd / 1_000_000m);

    public static string Dollars(decimal usd) => usd.ToString("$#,##0.00####", CultureInfo.InvariantCulture);

    /// <summary>"used of cap" (or "used, no cap").</summary>
    public static string OfCap(long used, long? cap) =>
        cap is { } c ? $"{AdminFormat.Count(used)} of {AdminFormat.Count(c)}" : $"{AdminFormat.Count(used)}, no cap";
}
