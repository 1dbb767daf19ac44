using System.CommandLine;
using System.Globalization;
using Refrain.Jobs;

namespace Refrain.Cli;

/// <summary><c>refrain jobs list|show|retry|cancel</c>.</summary>
internal static class JobsCommands
{
    public static Command Create()
    {
        var jobs = new Command("jobs", "Inspect and steer jobs");
        jobs.Subcommands.Add(List());
        jobs.Subcommands.Add(Show());
        jobs.Subcommands.Add(Bulk("retry", "Retry a dead, failed or cancelled job (or make a waiting one due now); --run for every such job of a run", (store, f, ct) => store.RetryAsync(f, ct), "retried"));
        jobs.Subcommands.Add(Bulk("cancel", "Cancel a pending or running job; --run for every such job of a run", (store, f, ct) => store.CancelAsync(f, ct), "cancelled"));
        return jobs;
    }

    private static Command List()
    {
        var source = new Option<string?>("--source") { Description = "Only this source" };
        var type = new Option<string?>("--type") { Description = "Only this job type" };
        var state = new Option<string?>("--state") { Description = "Only this state: " + string.Join(", ", JobState.All) };
        var run = new Option<long?>("--run") { Description = "Only jobs of this run" };
        var limit = new Option<int>("--limit") { Description = "At most this many (newest first)", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "List jobs, newest first") { source, type, state, run, limit };
        command.SetAction((parse, ct) => CliRuntime.RunAsync(parse, async (rt, token) =>
        {
            var wanted = parse.GetValue(state);
            if (wanted is not null && !JobState.IsKnown(wanted))
            {
                throw new CliException($"unknown state '{wanted}': use one of {string.Join(", ", JobState.All)}");
            }

            if (parse.GetValue(limit) is < 1 or > 10_000)
            {
                throw new CliException("--limit must be between 1 and 10000");
            }

            var rows = await rt.Store.ListJobsAsync(new JobFilter
            {
                Source = parse.GetValue(source), JobType = parse.GetValue(type), State = wanted, RunId = parse.GetValue(run), Limit = parse.GetValue(limit),
            }, token);
            if (rt.Json)
            {
                Output.Json(rt.Out, new { items = rows.Select(JobDto.From) });
            }
            else
            {
                Output.Table(rt.Out, ["ID", "SOURCE", "TYPE", "SUBJECT", "STATE", "ATTEMPTS", "RUN_AT", "RUN", "ERROR"], rows.Select(j => new[]
                {
                    j.Id.ToString(CultureInfo.InvariantCulture), j.Source, j.JobType, j.Subject, j.State,
                    $"{j.Attempts}/{j.MaxAttempts}", Output.Time(j.RunAt), j.RunId?.ToString(CultureInfo.InvariantCulture), j.LastError,
                }));
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<long>("ID") { Description = "Job id" };
        var command = new Command("show", "Show one job") { id };
        command.SetAction((parse, ct) => CliRuntime.RunAsync(parse, async (rt, token) =>
        {
            var job = await rt.Store.GetJobAsync(parse.GetValue(id), token) ?? throw new CliException($"unknown job {parse.GetValue(id)}");
            if (rt.Json)
            {
                Output.Json(rt.Out, JobDto.From(job));
                return ExitCodes.Success;
            }

            foreach (var (k, v) in JobDto.Lines(job))
            {
                rt.Out.WriteLine($"{k,-13} {v}");
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command Bulk(string name, string description, Func<Storage.RefrainStore, JobFilter, CancellationToken, Task<int>> act, string verb)
    {
        var id = new Argument<long?>("ID") { Description = "Job id", Arity = ArgumentArity.ZeroOrOne };
        var run = new Option<long?>("--run") { Description = "Every eligible job of this run" };
        var command = new Command(name, description) { id, run };
        command.SetAction((parse, ct) => CliRuntime.RunAsync(parse, async (rt, token) =>
        {
            var (jobId, runId) = (parse.GetValue(id), parse.GetValue(run));
            if (jobId is null == runId is null)
            {
                throw new CliException($"give exactly one of ID or --run");
            }

            if (jobId is { } one && await rt.Store.GetJobAsync(one, token) is null)
            {
                throw new CliException($"unknown job {one}");
            }

            if (runId is { } r && await rt.Store.GetRunAsync(r, token) is null)
            {
                throw new CliException($"unknown run {r}");
            }

            var moved = await act(rt.Store, jobId is { } single ? new JobFilter { JobId = single } : new JobFilter { RunId = runId }, token);
            if (jobId is not null && moved == 0)
            {
                var job = await rt.Store.GetJobAsync(jobId.Value, token);
                throw new CliException($"job {jobId} is {job?.State}; nothing to do");
            }

            if (rt.Json)
            {
                Output.Json(rt.Out, new { count = moved });
            }
            else
            {
                rt.Out.WriteLine($"{verb} {moved} job(s)");
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
