using System.CommandLine;
using System.Globalization;
using Refrain.Runs;

namespace Refrain.Cli;

/// <summary><c>refrain runs list|show</c>.</summary>
internal static class RunsCommands
{
    public static Command Create()
    {
        var runs = new Command("runs", "Runs of sweeps and triggers, with their counts");
        var kind = new Option<string?>("--kind") { Description = "Only this kind (source/job_type)" };
        var state = new Option<string?>("--state") { Description = "Only this state" };
        var limit = new Option<int>("--limit") { DefaultValueFactory = _ => 50, Description = "At most this many" };
        var list = new Command("list", "List runs, newest first") { kind, state, limit };
        list.SetAction((parse, ct) => CliRuntime.RunAsync(parse, async (rt, token) =>
        {
            var rows = await rt.Store.ListRunsAsync(parse.GetValue(kind), parse.GetValue(state), null, true, Math.Clamp(parse.GetValue(limit), 1, 10_000), token);
            if (rt.Json)
            {
                Output.Json(rt.Out, new { items = rows.Select(RunDto.From) });
                return ExitCodes.Success;
            }

            Output.Table(rt.Out, ["ID", "KIND", "TRIGGER", "STATE", "TOTAL", "OK", "NO_DATA", "FAILED", "DEAD", "CANCELLED", "STARTED", "ENDED"], rows.Select(r => new[]
            {
                r.Id.ToString(CultureInfo.InvariantCulture), r.Kind, r.TriggerType, r.State, N(r.Total), N(r.Succeeded), N(r.NoData), N(r.Failed),
                N(r.Dead), N(r.Cancelled), Output.Time(r.CreatedAt), Output.Time(r.EndedAt),
            }));
            return ExitCodes.Success;
        }, ct));

        var id = new Argument<long>("ID") { Description = "Run id" };
        var show = new Command("show", "Show one run") { id };
        show.SetAction((parse, ct) => CliRuntime.RunAsync(parse, async (rt, token) =>
        {
            var run = await rt.Store.GetRunAsync(parse.GetValue(id), token) ?? throw new CliException($"unknown run {parse.GetValue(id)}");
            var dto = RunDto.From(run);
            if (rt.Json)
            {
                Output.Json(rt.Out, dto);
                return ExitCodes.Success;
            }

            rt.Out.WriteLine($"run {run.Id}: {run.Kind} ({run.TriggerType}{(run.ScheduleName is null ? "" : $", schedule {run.ScheduleName}")}) {run.State}");
            rt.Out.WriteLine($"started {Output.Time(run.CreatedAt)}  ended {Output.Time(run.EndedAt)}");
            rt.Out.WriteLine($"jobs {run.Total}: succeeded {run.Succeeded}, no_data {run.NoData}, failed {run.Failed}, dead {run.Dead}, cancelled {run.Cancelled}, pending {run.Pending}");
            if (run.Summary is not null)
            {
                rt.Out.WriteLine($"summary {run.Summary}");
            }

            return ExitCodes.Success;
        }, ct));
        runs.Subcommands.Add(list);
        runs.Subcommands.Add(show);
        return runs;
    }

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A run as the CLI prints it.</summary>
internal sealed record RunDto(
    long Id, long? AccountId, string Kind, string Trigger, string? RequestedBy, string? ScheduleName, DateTimeOffset? FireTime,
    string State, long? RootJobId, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, RunCounts Counts, string? Summary)
{
    public static RunDto From(RunRecord r) => new(
        r.Id, r.AccountId, r.Kind, r.TriggerType, r.RequestedBy, r.ScheduleName,
        r.FireTime is { } f ? DateTimeOffset.FromUnixTimeMilliseconds(f) : null, r.State, r.RootJobId,
        DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt), r.EndedAt is { } e ? DateTimeOffset.FromUnixTimeMilliseconds(e) : null,
        new RunCounts(r.Total, r.Succeeded, r.NoData, r.Failed, r.Dead, r.Cancelled, r.Pending), r.Summary);
}

internal sealed record RunCounts(long Total, long Succeeded, long NoData, long Failed, long Dead, long Cancelled, long Pending);
