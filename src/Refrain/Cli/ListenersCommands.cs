using System.CommandLine;
using System.Globalization;

namespace Refrain.Cli;

/// <summary><c>refrain listeners create NAME [--account A] | list</c>.</summary>
internal static class ListenersCommands
{
    public static Command Create()
    {
        var listeners = new Command("listeners", "People whose Spotify listening history Refrain keeps");
        var name = new Argument<string>("NAME") { Description = "The listener's display name" };
        var account = new Option<string>("--account") { Description = "Account name", DefaultValueFactory = _ => "default" };
        var create = new Command("create", "Create a listener; prints its id alone on the last line") { name, account };
        create.SetAction((parse, ct) => CliRuntime.RunAsync(parse, async (rt, token) =>
        {
            var wanted = parse.GetValue(name)!.Trim();
            if (wanted.Length is 0 or > 200)
            {
                throw new CliException("the listener name must be 1 to 200 characters");
            }

            var accountName = parse.GetValue(account)!;
            var accountId = await rt.Store.FindAccountAsync(accountName, token) ?? throw new CliException($"unknown account '{accountName}'");
            var id = await rt.Store.CreateListenerAsync(accountId, wanted, token);
            rt.Out.WriteLine($"created listener {wanted} in account {accountName}");
            rt.Out.WriteLine(id.ToString(CultureInfo.InvariantCulture));
            return ExitCodes.Success;
        }, ct));

        var list = new Command("list", "Every listener");
        list.SetAction((parse, ct) => CliRuntime.RunAsync(parse, async (rt, token) =>
        {
            var rows = await rt.Store.ListListenersAsync(null, token);
            if (rt.Json)
            {
                Output.Json(rt.Out, new
                {
                    items = rows.Select(l => new { l.Id, Account = l.AccountName, Name = l.DisplayName, l.SpotifyUserId, l.Status, l.LastSyncAt, l.LastError, l.CreatedAt }),
                });
                return ExitCodes.Success;
            }

            Output.Table(rt.Out, ["ID", "ACCOUNT", "NAME", "STATUS", "LAST SYNC", "CREATED"], rows.Select(l => new[]
            {
                l.Id.ToString(CultureInfo.InvariantCulture), l.AccountName, l.DisplayName, l.Status, Output.Time(l.LastSyncAt), Output.Time(l.CreatedAt),
            }));
            return ExitCodes.Success;
        }, ct));

        listeners.Subcommands.Add(create);
        listeners.Subcommands.Add(list);
        return listeners;
    }
}
