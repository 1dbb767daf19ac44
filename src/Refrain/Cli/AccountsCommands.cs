using System.CommandLine;
using System.Globalization;

namespace Refrain.Cli;

/// <summary><c>refrain accounts create NAME | list</c>.</summary>
internal static class AccountsCommands
{
    public static Command Create()
    {
        var accounts = new Command("accounts", "Tenants: each owns its catalogs, keys, runs, jobs and schedules");
        var name = new Argument<string>("NAME") { Description = "The account's unique name" };
        var create = new Command("create", "Create an account; prints its id alone on the last line") { name };
        create.SetAction((parse, ct) => CliRuntime.RunAsync(parse, async (rt, token) =>
        {
            var wanted = parse.GetValue(name)!.Trim();
            if (wanted.Length is 0 or > 100)
            {
                throw new CliException("the account name must be 1 to 100 characters");
            }

            var account = await rt.Store.CreateAccountAsync(wanted, token) ?? throw new CliException($"account '{wanted}' already exists");
            rt.Out.WriteLine($"created account {account.Name}");
            rt.Out.WriteLine(account.Id.ToString(CultureInfo.InvariantCulture));
            return ExitCodes.Success;
        }, ct));

        var list = new Command("list", "Every account");
        list.SetAction((parse, ct) => CliRuntime.RunAsync(parse, async (rt, token) =>
        {
            var rows = await rt.Store.ListAccountsAsync(token);
            if (rt.Json)
            {
                Output.Json(rt.Out, new { items = rows.Select(a => new { a.Id, a.Name, a.CreatedAt }) });
                return ExitCodes.Success;
            }

            Output.Table(rt.Out, ["ID", "NAME", "CREATED"], rows.Select(a => new[] { a.Id.ToString(CultureInfo.InvariantCulture), a.Name, Output.Time(a.CreatedAt) }));
            return ExitCodes.Success;
        }, ct));

        accounts.Subcommands.Add(create);
        accounts.Subcommands.Add(list);
        return accounts;
    }
}
