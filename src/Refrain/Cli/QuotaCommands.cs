using System.CommandLine;
using System.Globalization;
using Refrain.Measurements;
using Refrain.Measurements.Quota;

namespace Refrain.Cli;

/// <summary><c>refrain quota show [--account A]</c>.</summary>
internal static class QuotaCommands
{
    public static Command Create()
    {
        var quota = new Command("quota", "Paid provider calls under their monthly caps");
        var account = new Option<string?>("--account") { Description = "Only this account's use (default: the provider totals and every account)" };
        var show = new Command("show", "This month's paid calls per provider and account: used, cap, cost and reset time") { account };
        show.SetAction((parse, ct) => CliRuntime.RunAsync(parse, async (rt, token) =>
        {
            long? accountId = null;
            if (parse.GetValue(account) is { } name)
            {
                accountId = await rt.Store.FindAccountAsync(name, token) ?? throw new CliException($"unknown account '{name}'");
            }

            var rows = (await rt.Get<QuotaService>().GetUsageAsync(accountId, token)).Select(QuotaApi.From).ToList();
            if (rt.Json)
            {
                Output.Json(rt.Out, new { items = rows });
                return ExitCodes.Success;
            }

            Output.Table(rt.Out, ["PROVIDER", "ACCOUNT", "PERIOD", "USED", "CAP", "COST_USD", "RESETS_AT"], rows.Select(r => new[]
            {
                r.Provider, r.Account ?? (r.AccountId is null ? "(all)" : r.AccountId.Value.ToString(CultureInfo.InvariantCulture)), r.Period,
                r.Used.ToString(CultureInfo.InvariantCulture), r.Cap?.ToString(CultureInfo.InvariantCulture) ?? "none",
                r.CostUsd.ToString("0.######", CultureInfo.InvariantCulture), Output.Time(r.ResetsAt),
            }));
            return ExitCodes.Success;
        }, ct));
        quota.Subcommands.Add(show);
        return quota;
    }
}
