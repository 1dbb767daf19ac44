using Microsoft.Extensions.Logging;

namespace Refrain.Runs;

/// <summary>Run log messages (event ids 1100-1199, with the queue).</summary>
internal static partial class RunsLog
{
    [LoggerMessage(1101, LogLevel.Error, "Summarising run {RunId} failed; the run stands without a summary")]
    public static partial void SummaryFailed(ILogger logger, long runId, Exception exception);
}
