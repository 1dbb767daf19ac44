using System.CommandLine;
using System.Globalization;
using Refrain.Jobs;
using Refrain.Listening.Sync;

namespace Refrain.Cli;

/// <summary>
/// <c>refrain listeners sync ID [--wait]</c>: queues the listener's recently-played sync and prints the job id alone on the
/// last line; with <c>--wait</c> this node's worker runs until the job ends, and its result is printed first.
/// </summary>
internal static class ListenersSyncCommand
{
    public static Command Create()
    {
        var id = new Argument<long>("ID") { Description = "Listener id" };
        var wait = new Option<bool>("--wait") { Description = "Run the sync here and wait for it; exit code 1 when it fails" };
        var sync = new Command("sync", "Sync a connected listener's recently played plays now; prints the job id alone on the last line") { id, wait };
        sync.SetAction((parse, ct) => CliRuntime.RunAsync(parse, async (rt, token) =>
        {
            var listenerId = parse.GetValue(id);
            var state = await rt.Store.GetListenerSyncStateAsync(listenerId, token) ?? throw new CliException($"unknown listener {listenerId}");
            if (ListenerSyncRequest.Refusal(state) is { } refusal)
            {
                throw new CliException(refusal);
            }

            var queued = await rt.Store.EnqueueAsync(SyncRecentlyPlayedHandler.For(listenerId, state.AccountId), token);
            rt.Out.WriteLine(queued.AlreadyQueued ? $"a sync of listener {listenerId} was already queued" : $"queued a sync of listener {listenerId}");
            var exit = ExitCodes.Success;
            if (parse.GetValue(wait))
            {
                var job = await DrainAsync(rt, queued.JobId, token);
                rt.Out.WriteLine($"{job.State}: {job.Detail ?? job.LastError ?? ""}".TrimEnd(' ', ':'));
                exit = job.State is JobState.Succeeded or JobState.NoData ? ExitCodes.Success : ExitCodes.Errors;
            }

            rt.Out.WriteLine(queued.JobId.ToString(CultureInfo.InvariantCulture));
            return exit;
        }, ct));
        return sync;
    }

    /// <summary>Runs this node's worker until the job is terminal (a snoozed sync waits for the rate limit, as the worker does).</summary>
    private static async Task<JobRecord> DrainAsync(CliRuntime rt, long jobId, CancellationToken token)
    {
        var worker = rt.Get<Worker>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
        var running = worker.RunAsync(stop.Token);
        try
        {
            while (true)
            {
                var job = (await rt.Store.GetJobAsync(jobId, token))!;
                if (JobState.IsTerminal(job.State) || running.IsCompleted)
                {
                    return job;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), token);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }
}
