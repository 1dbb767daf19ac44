namespace Refrain.Listening.Connect;

/// <summary>Log messages of the Spotify connect flow (API range, 51xx). Never a token, code, state or verifier.</summary>
internal static partial class ConnectLog
{
    [LoggerMessage(5101, LogLevel.Information, "Connect link made for listener {ListenerId}, valid until {ExpiresAt}")]
    public static partial void LinkCreated(ILogger logger, long listenerId, DateTimeOffset expiresAt);

    [LoggerMessage(5102, LogLevel.Warning, "Connect refused: {Reason}")]
    public static partial void Refused(ILogger logger, string reason);

    [LoggerMessage(5103, LogLevel.Information, "Listener {ListenerId} connected as Spotify user {SpotifyUserId}; first sync {Enqueued}")]
    public static partial void Connected(ILogger logger, long listenerId, string spotifyUserId, string enqueued);

    [LoggerMessage(5104, LogLevel.Warning, "Connecting listener {ListenerId} failed: {Outcome}")]
    public static partial void Failed(ILogger logger, long listenerId, string outcome);

    [LoggerMessage(5105, LogLevel.Information, "Listener {ListenerId} disconnected: tokens dropped")]
    public static partial void Disconnected(ILogger logger, long listenerId);
}
