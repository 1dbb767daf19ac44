using System.CommandLine;
using System.Globalization;
using Refrain.Notifications;

namespace Refrain.Cli;

/// <summary><c>refrain notifications list</c>: what was announced, and its delivery per channel.</summary>
internal static class NotificationsCommands
{
    public static Command Create()
    {
        var notifications = new Command("notifications", "Notifications (run failures and summaries, stale schedules, expiring tokens, long pauses) and their deliveries");
        var kind = new Option<string?>("--kind") { Description = $"Only this kind ({string.Join(", ", NotificationKind.All)})" };
        var limit = new Option<int>("--limit") { DefaultValueFactory = _ => 50, Description = "At most this many" };
        var list = new Command("list", "List notifications, newest first, with each channel's delivery state") { kind, limit };
        list.SetAction((parse, ct) => CliRuntime.RunAsync(parse, async (rt, token) =>
        {
            if (parse.GetValue(kind) is { } k && !NotificationKind.All.Contains(k))
            {
                throw new CliException($"--kind must be one of {string.Join(", ", NotificationKind.All)}");
            }

            var rows = await rt.Store.ListNotificationsAsync(null, true, parse.GetValue(kind), Math.Clamp(parse.GetValue(limit), 1, 10_000), null, token);
            var items = await NotificationResponse.WithDeliveriesAsync(rt.Store, rows, token);
            if (rt.Json)
            {
                Output.Json(rt.Out, new { items });
                return ExitCodes.Success;
            }

            Output.Table(rt.Out, ["ID", "KIND", "CREATED", "RUN", "DELIVERIES", "SUBJECT"], items.Select(n => new[]
            {
                n.Id.ToString(CultureInfo.InvariantCulture), n.Kind, Output.Time(n.CreatedAt), n.RunId?.ToString(CultureInfo.InvariantCulture) ?? "",
                n.Deliveries.Count == 0 ? "-" : string.Join(" ", n.Deliveries.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Channel}:{d.State}/{d.Attempts}"))),
                n.Subject,
            }));
            return ExitCodes.Success;
        }, ct));
        notifications.Subcommands.Add(list);
        return notifications;
    }
}
