using System.CommandLine;
using System.Globalization;
using Refrain.Scheduling;

namespace Refrain.Cli;

/// <summary><c>refrain schedules list|set|pause|resume|trigger|remove|next</c>. These commands act on system schedules.</summary>
internal static class SchedulesCommands
{
    public static Command Create()
    {
        var schedules = new Command("schedules", "Persisted cron schedules");
        schedules.Subcommands.Add(List());
        schedules.Subcommands.Add(Set());
        schedules.Subcommands.Add(Simple("pause", "Pause a schedule", async (rt, name, ct) =>
            await rt.Store.SetScheduleEnabledAsync(null, name, false, null, ct) ? $"paused {name}" : null));
        schedules.Subcommands.Add(Simple("resume", "Resume a paused schedule from now on", async (rt, name, ct) =>
            await rt.Get<ScheduleService>().ResumeAsync(null, name, ct) ? $"resumed {name}" : null));
        schedules.Subcommands.Add(Simple("trigger", "Start a run of the schedule's job now", async (rt, name, ct) =>
            await rt.Get<ScheduleService>().TriggerAsync(null, name, "cli", ct) is { } fired ? $"started run {fired.RunId} (job {fired.JobId})\n{fired.RunId}" : null));
        schedules.Subcommands.Add(Simple("remove", "Delete a schedule", async (rt, name, ct) =>
            await rt.Store.DeleteScheduleAsync(null, name, ct) ? $"removed {name}" : null));
        schedules.Subcommands.Add(Next());
        return schedules;
    }

    private static Command List()
    {
        var command = new Command("list", "List schedules with their next fire times");
        command.SetAction((parse, ct) => CliRuntime.RunAsync(parse, async (rt, token) =>
        {
            var rows = await rt.Store.ListSchedulesAsync(true, null, token);
            if (rt.Json)
            {
                Output.Json(rt.Out, new { items = rows.Select(ScheduleDto.From) });
                return ExitCodes.Success;
            }

            Output.Table(rt.Out, ["NAME", "ACCOUNT", "CRON", "TZ", "JOB", "ENABLED", "NEXT_FIRE", "LAST_FIRE", "LAST_RUN"], rows.Select(s => new[]
            {
                s.Name, s.AccountId?.ToString(CultureInfo.InvariantCulture) ?? "system", s.Cron, s.TimeZone, $"{s.Source}/{s.JobType}",
                s.Enabled ? "yes" : "paused", Output.Time(s.NextFireAt), Output.Time(s.LastFireAt), s.LastRunId?.ToString(CultureInfo.InvariantCulture),
            }));
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command Set()
    {
        var name = new Argument<string>("NAME") { Description = "Schedule name" };
        var cron = new Option<string>("--cron") { Description = "Cron expression (5 fields, or 6 with seconds first, or @daily...)", Required = true };
        var tz = new Option<string>("--tz") { Description = "IANA time zone", DefaultValueFactory = _ => "UTC" };
        var job = new Option<string>("--job") { Description = "SOURCE/TYPE of the job to enqueue", Required = true };
        var args = new Option<string>("--args") { Description = "Job args as a JSON object", DefaultValueFactory = _ => "{}" };
        var overlap = new Option<string>("--overlap") { Description = "skip (default) or allow", DefaultValueFactory = _ => OverlapPolicy.Skip };
        var misfire = new Option<string>("--misfire") { Description = "once (default) or skip", DefaultValueFactory = _ => MisfirePolicy.Once };
        var command = new Command("set", "Create or change a schedule") { name, cron, tz, job, args, overlap, misfire };
        command.SetAction((parse, ct) => CliRuntime.RunAsync(parse, async (rt, token) =>
        {
            var stored = await rt.Get<ScheduleService>().UpsertAsync(new ScheduleDefinition(parse.GetValue(name)!, parse.GetValue(cron)!, parse.GetValue(job)!)
            {
                TimeZone = parse.GetValue(tz)!, Args = parse.GetValue(args)!, Overlap = parse.GetValue(overlap)!, Misfire = parse.GetValue(misfire)!,
            }, token);
            if (rt.Json)
            {
                Output.Json(rt.Out, ScheduleDto.From(stored));
            }
            else
            {
                rt.Out.WriteLine($"schedule {stored.Name}: {stored.Cron} ({stored.TimeZone}) -> {stored.Source}/{stored.JobType}, next {Output.Time(stored.NextFireAt)}");
                rt.Out.WriteLine(stored.Id.ToString(CultureInfo.InvariantCulture));
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command Simple(string verb, string description, Func<CliRuntime, string, CancellationToken, Task<string?>> act)
    {
        var name = new Argument<string>("NAME") { Description = "Schedule name" };
        var command = new Command(verb, description) { name };
        command.SetAction((parse, ct) => CliRuntime.RunAsync(parse, async (rt, token) =>
        {
            var message = await act(rt, parse.GetValue(name)!, token) ?? throw new CliException($"unknown schedule '{parse.GetValue(name)}'");
            rt.Out.WriteLine(message);
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command Next()
    {
        var expression = new Argument<string>("EXPR") { Description = "Cron expression" };
        var tz = new Option<string>("--tz") { Description = "IANA time zone", DefaultValueFactory = _ => "UTC" };
        var from = new Option<string?>("--from") { Description = "ISO-8601 start (exclusive; default now; no offset means UTC)" };
        var count = new Option<int>("--count") { Description = "How many fire times", DefaultValueFactory = _ => 5 };
        var command = new Command("next", "Print the next fire times of an expression") { expression, tz, from, count };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var cron = CronExpression.TryParse(parse.GetValue(expression)!, out var parsed, out var error)
                    ? parsed!
                    : throw new CliException($"invalid cron expression '{parse.GetValue(expression)}': {error}");
                var zone = TimeZones.Find(parse.GetValue(tz)!);
                var start = parse.GetValue(from) is { } f ? Iso.Parse(f, "--from") : TimeProvider.System.GetUtcNow();
                var n = parse.GetValue(count);
                if (n is < 1 or > 1000)
                {
                    throw new CliException("--count must be between 1 and 1000");
                }

                var times = cron.GetOccurrences(start, zone, n).Select(t => t.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture)).ToList();
                if (parse.GetValue(RefrainCli.JsonOption))
                {
                    Output.Json(Console.Out, new { occurrences = times });
                }
                else
                {
                    foreach (var t in times)
                    {
                        Console.Out.WriteLine(t);
                    }

                    if (times.Count == 0)
                    {
                        await Console.Error.WriteLineAsync($"'{cron.Expression}' never fires");
                    }
                }

                return ExitCodes.Success;
            }
            catch (Exception ex) when (ex is CliException or ScheduleValidationException)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }
}

/// <summary>A schedule as the CLI prints it.</summary>
internal sealed record ScheduleDto(
    string Name, long? AccountId, string Cron, string TimeZone, string Job, string Args, bool Enabled, string Overlap, string Misfire,
    double MisfireThresholdSeconds, string Notify, string Origin, DateTimeOffset? NextFireAt, DateTimeOffset? LastFireAt, long? LastRunId)
{
    public static ScheduleDto From(ScheduleRecord s) => new(
        s.Name, s.AccountId, s.Cron, s.TimeZone, $"{s.Source}/{s.JobType}", s.Args, s.Enabled, s.Overlap, s.Misfire,
        s.MisfireThreshold.TotalSeconds, s.Notify, s.Origin, s.NextFire, s.LastFire, s.LastRunId);
}
