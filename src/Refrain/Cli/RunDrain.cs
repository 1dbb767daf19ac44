using Refrain.Jobs;
using Refrain.Runs;

namespace Refrain.Cli;

/// <summary>Runs this node's worker until a run ends, drawing a progress bar on standard error.</summary>
internal static class RunDrain
{
    public static async Task<RunRecord> DrainAsync(CliRuntime rt, long runId, CancellationToken token)
    {
        var worker = rt.Get<Worker>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
        var running = worker.RunAsync(stop.Token);
        RunRecord run;
        try
        {
            while (true)
            {
                run = (await rt.Store.GetRunAsync(runId, token))!;
                Progress(run);
                if (run.State != RunState.Running || running.IsCompleted)
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), token);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await running;
            await Console.Error.WriteLineAsync();
        }

        return run;
    }

    private static void Progress(RunRecord run)
    {
        const int width = 30;
        var done = run.Total - run.Pending;
        var filled = run.Total == 0 ? 0 : (int)(width * done / run.Total);
        Console.Error.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {done}/{run.Total} jobs  ok {run.Succeeded + run.NoData}  failed {run.Failed + run.Dead}   ");
    }
}
