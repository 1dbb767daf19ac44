using System.CommandLine;
using System.Globalization;
using Refrain.Listening.Enrichment;
using Refrain.Runs;

namespace Refrain.Cli;

/// <summary>
/// <c>refrain listeners enrich ID [--wait]</c>: queues the listener's enrichment and prints the job id alone on the last
/// line; with <c>--wait</c> this node's worker drains the run (its fan-out included) and its summary is printed first.
/// </summary>
internal static class ListenersEnrichCommand
{
    public static Command Create()
    {
        var id = new Argument<long>("ID") { Description = "Listener id" };
        var wait = new Option<bool>("--wait") { Description = "Run the enrichment here and wait for it; exit code 1 when any of its jobs fails" };
        var enrich = new Command("enrich", "Enrich a listener's plays with Spotify track data now; prints the job id alone on the last line") { id, wait };
        enrich.SetAction((parse, ct) => CliRuntime.RunAsync(parse, async (rt, token) =>
        {
            var listenerId = parse.GetValue(id);
            var listener = await rt.Store.GetListenerAsync(listenerId, token) ?? throw new CliException($"unknown listener {listenerId}");
            var started = await EnrichmentJobs.StartAsync(rt.Store, listenerId, listener.AccountId, "manual", "cli", token);
            var jobId = started.JobId!.Value;
            var run = (await rt.Store.GetRunAsync(started.RunId!.Value, token))!;
            var runId = run.Id;
            if (run.State == RunState.Cancelled)
            {
                // Already queued under another run: that run is the one to wait for.
                runId = (await rt.Store.GetJobAsync(jobId, token))?.RunId ?? runId;
                rt.Out.WriteLine($"an enrichment of listener {listenerId} was already queued (run {runId})");
            }
            else
            {
                rt.Out.WriteLine($"queued an enrichment of listener {listenerId} (run {runId})");
            }

            var exit = ExitCodes.Success;
            if (parse.GetValue(wait))
            {
                var ended = await RunDrain.DrainAsync(rt, runId, token);
                rt.Out.WriteLine($"run {ended.Id} {ended.State}: {ended.Total} jobs, succeeded {ended.Succeeded}, failed {ended.Failed}, dead {ended.Dead}");
                if (ended.Summary is not null)
                {
                    rt.Out.WriteLine($"summary {ended.Summary}");
                }

                exit = ended.State == RunState.Succeeded ? ExitCodes.Success : ExitCodes.Errors;
            }

            rt.Out.WriteLine(jobId.ToString(CultureInfo.InvariantCulture));
            return exit;
        }, ct));
        return enrich;
    }
}
