namespace Refrain.Hosting;

/// <summary>Host log messages (event ids 5xxx).</summary>
internal static partial class HostingLog
{
    [LoggerMessage(5001, LogLevel.Information, "worker_stats worker={WorkerId} claimed={Claimed} executed={Executed} committed={Committed} fenced={Fenced}")]
    public static partial void WorkerStats(ILogger logger, string workerId, long claimed, long executed, long committed, long fenced);
}
