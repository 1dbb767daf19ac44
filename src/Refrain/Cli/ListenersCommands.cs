using System.CommandLine;
using System.Globalization;
using Refrain.Listening;

namespace Refrain.Cli;

/// <summary><c>refrain listeners create NAME [--account A] | list | show ID | sync ID [--wait]</c>.</summary>
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
        listeners.Subcommands.Add(Show());
        listeners.Subcommands.Add(ListenersSyncCommand.Create());
        listeners.Subcommands.Add(ListenersReprobeCommand.Create());
        listeners.Subcommands.Add(ListenersEnrichCommand.Create());
        return listeners;
    }

    private static Command Show()
    {
        var id = new Argument<long>("ID") { Description = "Listener id" };
        var show = new Command("show", "One listener's progress: plays enriched, pending and unresolved, token status and expiry, last sync and error") { id };
        show.SetAction((parse, ct) => CliRuntime.RunAsync(parse, async (rt, token) =>
        {
            var wanted = parse.GetValue(id);
            var progress = await rt.Store.GetListenerProgressAsync(wanted, null, token) ?? throw new CliException($"unknown listener {wanted}");
            var shown = ListenerProgressResponse.From(progress);
            if (rt.Json)
            {
                // The same shape as GET /api/listeners/{id}: scripts read one format whichever way they ask.
                Output.Json(rt.Out, shown);
                return ExitCodes.Success;
            }

            var lines = new (string Name, string Value)[]
            {
                ("id", shown.Id.ToString(CultureInfo.InvariantCulture)),
                ("account", progress.Listener.AccountName),
                ("name", shown.DisplayName),
                ("spotify user", shown.SpotifyUserId ?? ""),
                ("plays", shown.TotalPlays.ToString(CultureInfo.InvariantCulture)),
                ("enriched", $"{shown.Enriched.ToString(CultureInfo.InvariantCulture)} ({shown.PercentEnriched.ToString("0.0", CultureInfo.InvariantCulture)}%)"),
                ("pending", shown.Pending.ToString(CultureInfo.InvariantCulture)),
                ("unresolved", shown.Unresolved.ToString(CultureInfo.InvariantCulture)),
                ("status", shown.Status),
                ("access until", Output.Time(shown.AccessExpiresAt)),
                ("refresh until", Output.Time(shown.RefreshExpiresAt) + Expiry(shown)),
                ("last sync", Output.Time(shown.LastSyncAt)),
                ("possible gaps", shown.PossibleGaps == 0 ? "0" : $"{shown.PossibleGaps.ToString(CultureInfo.InvariantCulture)} (last {Output.Time(shown.LastGapAt)})"),
                ("last error", shown.LastError ?? ""),
                ("created", Output.Time(shown.CreatedAt)),
            };
            foreach (var (name, value) in lines)
            {
                rt.Out.WriteLine($"{name,-14} {value}");
            }

            return ExitCodes.Success;
        }, ct));
        return show;
    }

    /// <summary>" (in 5 days, 7_days warning)" after the refresh expiry, or nothing when no expiry is stored.</summary>
    private static string Expiry(ListenerProgressResponse shown) => shown.RefreshExpiresInDays is not { } days
        ? ""
        : string.Create(CultureInfo.InvariantCulture, $" (in {days} days{(shown.ExpiryWarning is { } w ? $", {w} warning" : "")})");
}
