using Microsoft.AspNetCore.Http.HttpResults;
using Refrain.Accounts;
using Refrain.Http;
using Refrain.Measurements.Quota;

namespace Refrain.Measurements;

/// <summary><c>/api/quota</c>: this month's paid calls per provider and account, their caps, cost and reset time.</summary>
public static class QuotaApi
{
    public static RouteGroupBuilder MapQuotaApi(this RouteGroupBuilder api)
    {
        api.MapGet("/quota", ListAsync).WithTags("Quota").WithName("GetQuota")
            .WithSummary("This month's paid calls per provider: used, cap, cost in USD and reset time (a member key sees its own account's; an admin key also the provider totals and every account)");
        return api;
    }

    internal static async Task<Ok<Page<QuotaUsageResponse>>> ListAsync(Caller caller, QuotaService quota, CancellationToken ct)
    {
        var usage = await quota.GetUsageAsync(caller.Scope, ct);
        return TypedResults.Ok(new Page<QuotaUsageResponse>([.. usage.Select(From)], null));
    }

    internal static QuotaUsageResponse From(QuotaUsage u) => new(u.Provider, u.AccountId, u.AccountName, u.Period, u.Used, u.Cap, u.CostUsd, u.ResetsAt);
}
