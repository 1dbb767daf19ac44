namespace Refrain.Admin.Overview;

/// <summary>The overview's log lines (API range, 56xx: the dashboard).</summary>
internal static partial class OverviewLog
{
    [LoggerMessage(EventId = 5601, Level = LogLevel.Warning, Message = "Counting jobs for the dashboard overview failed; the page keeps the previous counts")]
    public static partial void CountFailed(ILogger logger, Exception exception);
}
