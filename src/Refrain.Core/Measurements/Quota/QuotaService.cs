using System.Collections.Concurrent;
using System.Globalization;
using Refrain.Jobs;
using Refrain.Providers;
using Refrain.Storage;

namespace Refrain.Measurements.Quota;

/// <summary>
/// Spend control for paid providers (Songstats, Snapshot): a unit is reserved before each paid call by one atomic
/// conditional update per scope (the provider's monthly cap, and the account's when it has one), so parallel workers on any
/// number of nodes never overshoot. A reserved unit stays spent whatever the call's fate (a timeout may still have been
/// billed). Periods are UTC calendar months; a spent cap snoozes the caller until the first instant of the next one, and a
/// spent provider cap also pauses the provider (reason <c>quota</c>) until then.
/// </summary>
public sealed class QuotaService(RefrainStore store, TimeProvider time, QuotaLimits limits)
{
    private readonly ConcurrentDictionary<long, string?> _accountNames = new();

    public QuotaLimits Limits => limits;

    /// <summary>Reserves one call: null when reserved, else a <see cref="JobOutcome.Snooze"/> until next month naming the spent cap.</summary>
    public async Task<JobOutcome?> ReserveAsync(string provider, long? accountId, long? jobId, CancellationToken cancellationToken) =>
        (await ReserveUnitAsync(provider, accountId, jobId, cancellationToken)).Outcome;

    /// <summary>Reserves one call and returns its ledger row (to record what came of the call) or the snooze.</summary>
    public async Task<(long? LedgerId, JobOutcome? Outcome)> ReserveUnitAsync(string provider, long? accountId, long? jobId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var accountCap = await AccountCapAsync(provider, accountId, cancellationToken);
        var providerCap = limits.ProviderCap(provider);
        var reservation = await store.ReserveQuotaAsync(
            provider, accountId, accountCap, providerCap, limits.CostMicroUsd(provider), jobId, Period(now), cancellationToken);
        if (reservation.LedgerId is { } id)
        {
            return (id, null);
        }

        if (reservation.Spent == QuotaScope.Account)
        {
            return (null, new JobOutcome.Snooze(NextPeriodStart(now), $"{provider} monthly cap of {accountCap} calls for this account is reached for {Period(now)}"));
        }

        // The provider's cap binds every account: pausing it (reason quota) lets claims skip its jobs until the month turns,
        // instead of each pending job being claimed only to snooze.
        await store.PauseProviderAsync(provider, NextPeriodStart(now), PauseReason.Quota, extendOnly: true, cancellationToken);
        return (null, new JobOutcome.Snooze(NextPeriodStart(now), $"{provider} monthly cap of {providerCap} calls is reached for {Period(now)}"));
    }

    /// <summary>Records what came of a reserved call on its ledger row; the unit stays spent.</summary>
    public Task RecordOutcomeAsync(long ledgerId, string outcome, CancellationToken cancellationToken) =>
        store.SetQuotaOutcomeAsync(ledgerId, outcome, cancellationToken);

    /// <summary>When the provider's cap or the account's cap is reached this month, the instant it resets; else null.</summary>
    public async Task<DateTimeOffset?> IsSpentAsync(string provider, long? accountId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (providerUsed, accountUsed) = await store.GetQuotaUsedAsync(provider, accountId, Period(now), cancellationToken);
        var providerCap = limits.ProviderCap(provider);
        var accountCap = await AccountCapAsync(provider, accountId, cancellationToken);
        return providerUsed >= providerCap || accountUsed >= accountCap ? NextPeriodStart(now) : null;
    }

    /// <summary>
    /// This month's use per paid provider: with <paramref name="accountId"/> null, the provider totals and every account's
    /// row (an admin's view); otherwise that account's rows only, one per paid provider even before its first call.
    /// </summary>
    public async Task<IReadOnlyList<QuotaUsage>> GetUsageAsync(long? accountId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var period = Period(now);
        var resets = NextPeriodStart(now);
        var rows = await store.ListQuotaUsageAsync(period, accountId, cancellationToken);
        var usage = new List<QuotaUsage>();
        var scopes = accountId is { } only
            ? QuotaLimits.PaidProviders.Select(p => (p, only))
            : QuotaLimits.PaidProviders.Select(p => (p, 0L)).Concat(rows.Where(r => r.AccountId != 0).Select(r => (r.Provider, r.AccountId)));
        foreach (var (provider, scope) in scopes.Distinct())
        {
            var row = rows.FirstOrDefault(r => r.Provider == provider && r.AccountId == scope);
            var name = scope == 0 ? null : row?.AccountName ?? await AccountNameAsync(scope, cancellationToken);
            var cap = scope == 0 ? limits.ProviderCap(provider) : limits.AccountCap(provider, name);
            usage.Add(new QuotaUsage(provider, scope == 0 ? null : scope, name, period, row?.Used ?? 0, cap, (row?.CostMicroUsd ?? 0) / 1_000_000m, resets));
        }

        return usage;
    }

    /// <summary>The UTC month of <paramref name="at"/>, as stored: 'YYYY-MM'.</summary>
    public static string Period(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The first instant of the UTC month after <paramref name="at"/>'s: when every count starts again.</summary>
    public static DateTimeOffset NextPeriodStart(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
    }

    private async Task<long?> AccountCapAsync(string provider, long? accountId, CancellationToken cancellationToken) =>
        accountId is { } id && provider == "songstats" && limits.SongstatsAccountCaps.Count > 0
            ? limits.AccountCap(provider, await AccountNameAsync(id, cancellationToken))
            : null;

    private async Task<string?> AccountNameAsync(long accountId, CancellationToken cancellationToken)
    {
        if (_accountNames.TryGetValue(accountId, out var name))
        {
            return name;
        }

        name = await store.GetAccountNameAsync(accountId, cancellationToken);
        return name is null ? null : _accountNames.GetOrAdd(accountId, name);
    }
}
