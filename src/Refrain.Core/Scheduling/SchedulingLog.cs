using Microsoft.Extensions.Logging;

namespace Refrain.Scheduling;

/// <summary>Scheduling log messages (event ids 2xxx).</summary>
internal static partial class SchedulingLog
{
    [LoggerMessage(2001, LogLevel.Information, "Schedule {Name} fired for {FireTime:o}: run {RunId}")]
    public static partial void Fired(ILogger logger, string name, DateTimeOffset fireTime, long runId);

    [LoggerMessage(2002, LogLevel.Warning, "Schedule {Name} missed {FireTime:o}; catch-up run: {CatchUp}")]
    public static partial void Misfired(ILogger logger, string name, DateTimeOffset fireTime, bool catchUp);

    [LoggerMessage(2003, LogLevel.Information, "Schedule {Name} skipped {FireTime:o}: run {RunId} is still active")]
    public static partial void SkippedOverlap(ILogger logger, string name, DateTimeOffset fireTime, long runId);

    [LoggerMessage(2004, LogLevel.Error, "Scheduler tick failed; trying again")]
    public static partial void TickFailed(ILogger logger, Exception exception);

    [LoggerMessage(2005, LogLevel.Error, "Schedule {Name} cannot fire and was parked: {Reason}")]
    public static partial void Unfireable(ILogger logger, string name, string reason);
}
