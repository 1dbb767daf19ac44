using Microsoft.Extensions.Logging;

namespace Refrain.Jobs;

/// <summary>Queue log messages (event ids 1xxx).</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(1001, LogLevel.Information, "Worker {WorkerId} started with pools {Pools}")]
    public static partial void Started(ILogger logger, string workerId, string pools);

    [LoggerMessage(1002, LogLevel.Information, "Worker {WorkerId} stopped: claimed {Claimed}, executed {Executed}, committed {Committed}, fenced {Fenced}")]
    public static partial void Stopped(ILogger logger, string workerId, long claimed, long executed, long committed, long fenced);

    [LoggerMessage(1003, LogLevel.Error, "Claiming jobs for pool {Pool} failed; retrying")]
    public static partial void ClaimFailed(ILogger logger, string pool, Exception exception);

    [LoggerMessage(1004, LogLevel.Error, "Writing {Count} completions failed; retrying")]
    public static partial void CompleteFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(1005, LogLevel.Warning, "Job {JobId} ({Source}/{JobType}) threw; it will be retried")]
    public static partial void HandlerThrew(ILogger logger, long jobId, string source, string jobType, Exception exception);

    [LoggerMessage(1006, LogLevel.Warning, "{Count} completions were refused: their leases had been reclaimed")]
    public static partial void Fenced(ILogger logger, int count);

    [LoggerMessage(1007, LogLevel.Information, "Reclaimed {Count} jobs whose leases expired")]
    public static partial void Reclaimed(ILogger logger, int count);

    [LoggerMessage(1008, LogLevel.Error, "Maintenance task {Task} failed; it runs again later")]
    public static partial void MaintenanceFailed(ILogger logger, string task, Exception exception);

    [LoggerMessage(1009, LogLevel.Information, "Pruned {Count} finished jobs past retention")]
    public static partial void Pruned(ILogger logger, int count);
}
