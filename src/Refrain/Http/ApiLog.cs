namespace Refrain.Http;

/// <summary>HTTP API log messages (event ids 5xxx). Request headers, API keys and secrets are never logged.</summary>
internal static partial class ApiLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path} (trace {TraceId})")]
    public static partial void Unhandled(ILogger logger, string method, string path, string traceId, Exception exception);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Rate limit reached for API key {KeyId}")]
    public static partial void RateLimited(ILogger logger, string keyId);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Cron call for schedule {Schedule} refused: {Reason}")]
    public static partial void CronRefused(ILogger logger, string schedule, string reason);
}
