using Microsoft.Extensions.Logging;

namespace Refrain.Providers;

/// <summary>Provider client log messages (event ids 3xxx). Tokens, secrets and API keys are never logged.</summary>
internal static partial class ProvidersLog
{
    [LoggerMessage(3001, LogLevel.Debug, "Spotify access token obtained; valid for {Seconds} s")]
    public static partial void TokenObtained(ILogger logger, long seconds);

    [LoggerMessage(3002, LogLevel.Information, "Spotify refused the access token on {Endpoint} (HTTP 401); refreshing it and repeating the request once")]
    public static partial void TokenRefused(ILogger logger, string endpoint);

    [LoggerMessage(3003, LogLevel.Warning, "Spotify token request failed: {Error}")]
    public static partial void TokenFailed(ILogger logger, string error);

    [LoggerMessage(3004, LogLevel.Debug, "{Provider} answered HTTP {Status} on {Endpoint}: {Outcome}")]
    public static partial void Answered(ILogger logger, string provider, int status, string endpoint, string outcome);

    [LoggerMessage(3005, LogLevel.Warning, "{Provider} request {Endpoint} failed: {Error}")]
    public static partial void RequestFailed(ILogger logger, string provider, string endpoint, string error);

    [LoggerMessage(3006, LogLevel.Warning, "{Provider} answered {Endpoint} with a body that does not parse: {Error}")]
    public static partial void Unparseable(ILogger logger, string provider, string endpoint, string error);

    [LoggerMessage(3007, LogLevel.Debug, "{Provider} cache: {Hits} of {Requested} from the database")]
    public static partial void CacheHits(ILogger logger, string provider, int hits, int requested);

    [LoggerMessage(3008, LogLevel.Debug, "{Provider} call {Endpoint} waits: {Outcome}")]
    public static partial void Waiting(ILogger logger, string provider, string endpoint, string outcome);

    [LoggerMessage(3009, LogLevel.Information, "{Provider} answered HTTP {Status} on {Endpoint}: paused until {Until} ({Reason})")]
    public static partial void Paused(ILogger logger, string provider, int status, string endpoint, DateTimeOffset until, string reason);

    [LoggerMessage(3010, LogLevel.Warning, "Provider {Provider} is not started on this node: {Reason}")]
    public static partial void ProviderOff(ILogger logger, string provider, string reason);

    /// <summary>A non-2xx answer: a pause (429, MusicBrainz 503) is worth an operator's eye, the rest is in the job's outcome.</summary>
    public static void Answered(ILogger logger, string provider, System.Net.HttpStatusCode status, string endpoint, Jobs.JobOutcome outcome)
    {
        if (outcome is Jobs.JobOutcome.Snooze snooze)
        {
            Paused(logger, provider, (int)status, endpoint, snooze.Until, snooze.Reason);
        }
        else
        {
            Answered(logger, provider, (int)status, endpoint, outcome.ToString());
        }
    }
}
